package dev.rshell.server.session;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.auth.LoginResult;
import dev.rshell.server.auth.LoginThrottle;
import dev.rshell.server.policy.AccessPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logging a session in: the {@code :login} exchange (the address's throttle, the password
 * check, failed attempts and their delay) and starting the user's shell once a password or
 * certificate login succeeded (environment, working directory, role policy, the {@code ok}
 * and {@code cwd} lines).
 *
 * <p>Thread safety: used by the session's reader thread only, except
 * {@link #changePassword}, which runs on the {@code passwd} command's thread and touches no
 * state of this object.
 */
final class SessionLogin {

    private final Session session;
    private int failedLogins;

    SessionLogin(Session session) {
        this.session = session;
    }

    /** The {@code bye} reason for an address blocked after too many failures. */
    static String blockedReason(LoginThrottle.Verdict.Blocked blocked) {
        return "blocked: too many failed logins from your address; try again in "
                + Math.max(1, (blocked.remaining().toMillis() + 999) / 1000) + " s";
    }

    /** Handles one {@code :login} sent before the session is logged in. */
    void attempt(ClientLine.Login attempt) throws InterruptedException, IOException {
        SessionServices services = session.services();
        String address = session.address();
        session.triedLogin();
        if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
            session.endWith(blockedReason(blocked));
            return;
        }
        LoginResult result;
        session.verifyingLogin(true);
        try {
            result = services.authenticator().authenticate(attempt.user(), attempt.password(),
                    session.connection().inetAddress());
        } finally {
            session.verifyingLogin(false);
        }
        if (result instanceof LoginResult.Success ok) {
            session.auditLogin(new AuditEvent.Login(Instant.now(), session.id(), address, ok.user(), true, ""));
            startShell(ok, true);
            return;
        }
        String reason = ((LoginResult.Failure) result).reason();
        session.auditPreLogin(new AuditEvent.Login(Instant.now(), session.id(), address, attempt.user(), false,
                reason));
        failedLogins++;
        // The growing delay is what makes guessing slow; the reader holds no lock meanwhile.
        Thread.sleep(services.throttle().failed(address).toMillis());
        if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
            session.endWith(blockedReason(blocked));
        } else if (failedLogins >= services.config().maxAuthTries()) {
            session.endWith("too many failed logins");
        } else {
            session.outbox().send(new ServerLine.No("login failed").toWire());
        }
    }

    /**
     * Starts the shell of a user who logged in: the session's state and policy, then
     * {@code ok} (for a {@code :login}), a notice if the home directory is missing, and
     * {@code cwd}.
     */
    void startShell(LoginResult.Success ok, boolean answerLogin) throws InterruptedException, IOException {
        SessionConfig config = session.services().config();
        Path dir = ok.home().toAbsolutePath().normalize();
        String notice = null;
        if (!Files.isDirectory(dir)) {
            notice = "home directory " + dir + " is missing; starting in /";
            dir = Path.of("/");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", ok.home().toString());
        env.put("USER", ok.user());
        env.put("LOGNAME", ok.user());
        env.put("LANG", config.lang());
        env.put("PATH", config.execPath());
        AccessPolicy policy = session.services().policies().forUser(ok.role(), ok.home());
        session.loggedIn(ok, new SessionState(env, dir), policy, policy.visible(session.services().commands()));
        Outbox outbox = session.outbox();
        if (answerLogin) {
            outbox.append(new ServerLine.Ok("logged in as " + ok.user() + " (" + ok.role() + ")").toWire());
        }
        if (notice != null) {
            outbox.append(new ServerLine.Msg(notice).toWire());
        }
        outbox.send(new ServerLine.Cwd(dir.toString()).toWire());
    }

    /**
     * Checks the user's own password for {@code passwd} and stores the new one. A wrong old
     * password counts as a failed login of this address (delay, then block), so
     * {@code passwd} can't be used to guess faster than {@code :login}.
     */
    boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException {
        SessionServices services = session.services();
        if (services.authenticator().changePassword(session.user(), oldPassword, newPassword)) {
            return true;
        }
        services.audit().record(new AuditEvent.Login(Instant.now(), session.id(), session.address(), session.user(),
                false, "wrong old password for passwd"));
        Thread.sleep(services.throttle().failed(session.address()).toMillis());
        return false;
    }
}
