package dev.rshell.server.session;

import dev.rshell.server.audit.AuditSink;
import dev.rshell.server.auth.PasswordAuthenticator;
import dev.rshell.server.policy.Policies;
import dev.rshell.server.auth.CertificateLogin;
import dev.rshell.server.auth.LoginThrottle;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.ServerFacts;
import dev.rshell.server.exec.OsCommandRunner;
import dev.rshell.server.net.TlsEndpoint;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every session shares, built once by the server. The executors belong to the server,
 * which shuts them down; sessions only submit to them.
 *
 * @param config        the session settings
 * @param commands      the built-in commands
 * @param facts         server facts for built-ins
 * @param authenticator checks {@code :login}
 * @param policies      what each role may run and read
 * @param certificates  logs in sessions whose TLS client certificate is mapped to a user
 * @param tls           the TLS side of the listener, or null when it serves plain TCP
 * @param throttle      slows down and blocks addresses that keep failing to log in
 * @param osCommands    runs OS commands
 * @param runners       runs each session's foreground runner (at most one per session)
 * @param jobs          runs background commands, and teardowns asked for from outside
 * @param timers        command time limits
 * @param audit         the audit hook
 * @param preLoginAudit the budget of the audit events of connections not logged in
 * @param registry      the live sessions
 * @param counters      server-wide figures for {@code stats}
 * @param control       the server-wide operations built-ins may use
 */
public record SessionServices(
        SessionConfig config,
        CommandRegistry commands,
        ServerFacts facts,
        PasswordAuthenticator authenticator,
        Policies policies,
        CertificateLogin certificates,
        TlsEndpoint tls,
        LoginThrottle throttle,
        OsCommandRunner osCommands,
        ExecutorService runners,
        ExecutorService jobs,
        ScheduledExecutorService timers,
        AuditSink audit,
        dev.rshell.server.audit.PreLoginAudit preLoginAudit,
        SessionRegistry registry,
        ServerCounters counters,
        dev.rshell.server.command.ServerControl control) {
}
