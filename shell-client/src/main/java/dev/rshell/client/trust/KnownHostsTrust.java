package dev.rshell.client.trust;

import dev.rshell.client.LinePrompt;
import dev.rshell.client.connect.ServerTrust;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.Target;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.HostKeyDecision;
import dev.rshell.common.tls.PinningTrustManager;
import dev.rshell.common.tls.ServerNotTrustedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;

/**
 * Trust by {@code known_hosts} (see {@link KnownHosts}), with ssh's first-contact rules:
 *
 * <ul>
 *   <li>Known server, same fingerprint: trusted, silently.</li>
 *   <li>Known server, another fingerprint: refused every time, with a loud explanation naming
 *       the server, both fingerprints and the exact file and line to remove. Never accepted
 *       silently, not even with {@code --accept-new}.</li>
 *   <li>Unknown server with {@code --accept-new}: trusted during the handshake, and its line is
 *       appended once the handshake succeeded ("rshell: remembered …" on stderr).</li>
 *   <li>Unknown server on a terminal: refused during the handshake; then, outside it, the user
 *       sees the fingerprint and is asked "Accept and remember this server? (yes/no)". {@code yes}
 *       or {@code y} (or the fingerprint itself, pasted) appends the line and connects again with
 *       it pinned; {@code no}, {@code n}, another fingerprint or the end of input is a refusal;
 *       anything else is asked again, as ssh does.</li>
 *   <li>Unknown server in batch mode: refused, one line naming the server and its fingerprint and
 *       saying how to accept it.</li>
 * </ul>
 *
 * <p>The file is read once before the handshake; the verifier consults that snapshot and never
 * blocks. Appends re-read the file under a lock ({@link KnownHosts#append}).
 *
 * <p>Thread safety: used by the main thread only.
 */
public final class KnownHostsTrust implements ServerTrust {

    private final Path file;
    private final boolean acceptNew;
    private final boolean interactive;
    private final LinePrompt ask;
    private final PrintStream err;
    private KnownHosts snapshot;

    /**
     * @param file        the known_hosts file (need not exist)
     * @param acceptNew   {@code --accept-new}
     * @param interactive whether a person can be asked (stdin is a terminal)
     * @param ask         the question prompt; a {@code null} answer counts as "no terminal"
     * @param err         where the changed-certificate warning and "remembered" notes go
     */
    public KnownHostsTrust(Path file, boolean acceptNew, boolean interactive, LinePrompt ask, PrintStream err) {
        this.file = file;
        this.acceptNew = acceptNew;
        this.interactive = interactive;
        this.ask = ask;
        this.err = err;
    }

    @Override
    public Check check(String host, int port) throws SessionFailure {
        try {
            snapshot = KnownHosts.read(file);
        } catch (IOException e) {
            throw new SessionFailure(SessionFailure.Kind.TRUST, "can't read " + file + ": " + describe(e));
        }
        KnownHosts known = snapshot;
        return new Check(new PinningTrustManager(cert -> {
            KnownHosts.Lookup l = known.lookup(host, port, Fingerprints.sha256(cert));
            if (l instanceof KnownHosts.Lookup.Match) {
                return HostKeyDecision.ACCEPT;
            }
            if (l instanceof KnownHosts.Lookup.Mismatch m) {
                return HostKeyDecision.reject("fingerprint changed since line " + m.line() + " of " + file);
            }
            return acceptNew ? HostKeyDecision.ACCEPT : HostKeyDecision.reject("unknown server");
        }), false);
    }

    @Override
    public String refused(String host, int port, ServerNotTrustedException refusal) throws SessionFailure {
        String authority = Target.authority(host, port);
        String presented = refusal.fingerprint();
        KnownHosts.Lookup l = snapshot.lookup(host, port, presented);
        if (l instanceof KnownHosts.Lookup.Mismatch m) {
            throw changed(authority, m, presented);
        }
        if (l instanceof KnownHosts.Lookup.Match) {
            // Refused for another reason than its fingerprint (the check itself failed).
            throw new SessionFailure(SessionFailure.Kind.TRUST, "server " + authority + " not trusted: " + refusal.reason());
        }
        String answer = interactive ? ask.readLine(question(authority, presented)) : null;
        if (answer == null) {
            throw new SessionFailure(SessionFailure.Kind.TRUST, "refused unknown server " + authority + " (certificate " + presented
                    + "): check the fingerprint, then use --accept-new or --fingerprint " + presented);
        }
        // As ssh: anything but yes, no or the fingerprint is asked again, until the input ends.
        Answer a = answer(answer, presented);
        while (a == Answer.UNCLEAR) {
            String again = ask.readLine("Please type 'yes', 'no' or the fingerprint: ");
            a = again == null ? Answer.NO : answer(again, presented);
        }
        if (a == Answer.NO) {
            throw new SessionFailure(SessionFailure.Kind.TRUST, "server " + authority + " not trusted: its certificate was not accepted");
        }
        remember(host, port, refusal.certificate(), presented);
        return presented;
    }

    private enum Answer { YES, NO, UNCLEAR }

    @Override
    public void trusted(String host, int port, X509Certificate presented) throws SessionFailure {
        String fingerprint = Fingerprints.sha256(presented);
        if (snapshot.lookup(host, port, fingerprint) instanceof KnownHosts.Lookup.Unknown) {
            // Only --accept-new lets an unknown server through the handshake.
            remember(host, port, presented, fingerprint);
        }
    }

    private void remember(String host, int port, X509Certificate cert, String fingerprint) throws SessionFailure {
        String authority = Target.authority(host, port);
        KnownHosts.Lookup before;
        Optional<Integer> line;
        try {
            before = KnownHosts.append(file, host, port, fingerprint);
            line = KnownHosts.lineOf(file, host, port, fingerprint);
        } catch (IOException e) {
            throw new SessionFailure(SessionFailure.Kind.TRUST, "can't add " + authority + " to " + file + ": " + describe(e));
        }
        if (before instanceof KnownHosts.Lookup.Mismatch m) {
            // Another client recorded a different certificate for it meanwhile.
            throw changed(authority, m, fingerprint);
        }
        if (before instanceof KnownHosts.Lookup.Unknown) {
            err.print("rshell: remembered " + authority + " (" + fingerprint + ") in " + file
                    + line.map(n -> " line " + n).orElse("") + "\n");
            err.flush();
        }
    }

    private static Answer answer(String answer, String fingerprint) {
        String a = answer.strip();
        String word = a.toLowerCase(Locale.ROOT);
        if (word.equals("yes") || word.equals("y")) {
            return Answer.YES;
        }
        if (word.equals("no") || word.equals("n")) {
            return Answer.NO;
        }
        // A pasted fingerprint accepts only when it is this one; another is a clear no.
        return Fingerprints.normalize(a).map(f -> f.equals(fingerprint) ? Answer.YES : Answer.NO)
                .orElse(Answer.UNCLEAR);
    }

    private static String question(String authority, String fingerprint) {
        return "The authenticity of rshell server " + authority + " can't be established.\n"
                + "Its certificate fingerprint is " + fingerprint + ".\n"
                + "Accept and remember this server? (yes/no) ";
    }

    /** Prints the loud warning and returns the one-line failure that ends it. */
    private SessionFailure changed(String authority, KnownHosts.Lookup.Mismatch m, String presented) {
        String where = "line " + m.line() + " of " + file;
        err.print("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "@    WARNING: RSHELL SERVER IDENTIFICATION HAS CHANGED!    @\n"
                + "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
                + "Someone could be intercepting this connection (a man-in-the-middle attack),\n"
                + "or the server's certificate was replaced.\n"
                + "Server:    " + authority + "\n"
                + "Expected:  " + m.expected() + " (" + where + ")\n"
                + "Presented: " + presented + "\n"
                + "If you know the certificate was changed (ask the server's administrator to run\n"
                + "rshell-server fingerprint), remove " + where + "\n"
                + "and connect again to accept the new one.\n");
        err.flush();
        return new SessionFailure(SessionFailure.Kind.TRUST, "refused " + authority + ": its certificate changed (" + where + ")");
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage().replace('\n', ' ');
    }
}
