package dev.rshell.client;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.tls.ClientAuth;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsContexts;
import dev.rshell.common.tls.TlsDetect;
import dev.rshell.common.tls.TrustSpec;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.common.protocol.codec.LineWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.util.function.Consumer;

/**
 * A scripted stand-in for rshell-server on 127.0.0.1, port 0, speaking protocol text. It serves
 * one connection at a time on its own thread, numbers command lines as the real server does
 * (using the same {@link ClientLine#classify}), and answers by a tiny command language:
 *
 * <pre>
 * echo TEXT      out N TEXT, end N 0          warn TEXT   err N TEXT, end N 1
 * status S       end N S                       notice TEXT msg TEXT, end N 0
 * raw LINE       LINE verbatim, end N 0        rawonly LINE  LINE verbatim, no end
 * job S          out N job done, end N S       orphan      no end ever
 * drop           close the connection          bye TEXT    bye TEXT, close
 * exit S         end N S, bye goodbye, close   other       err N ..., end N 127
 * ... &amp;          bg N at once; the rest (output, end) only when :quit comes
 * </pre>
 *
 * {@code :quit} sends the deferred background lines, then {@code bye goodbye}, and closes.
 * Closing always half-closes and drains first, as the real server does, so no line is lost to
 * a reset.
 *
 * <p>TLS ({@link #startTls}): the same script over TLS, detected as the real server does it
 * ({@link TlsDetect}): a connection whose first byte is not a ClientHello within a second gets
 * the plain line {@code bye this server speaks TLS; connect without --no-tls}. The identity can be
 * swapped between connections (a server whose certificate changed). Client certificates are
 * asked for as {@link #clientAuth} says; their fingerprints are recorded, and one listed in
 * {@link #certUsers} logs the session in ({@code hello ... user=USER}), as the real server does.
 */
final class FakeServer implements AutoCloseable {

    /** The password the fake accepts (for any user). */
    static final String PASSWORD = "secret";

    // Settings, written by the setup callback before the thread starts.
    String greeting = "hello rshell/1 fake auth=password";
    String password = PASSWORD;
    int maxTries = 3;
    boolean answerLogin = true;
    int holdFor;
    int holdMillis = 3000;

    /** Lines received after login (command and control lines), in order. */
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    /** "USER PASSWORD" of every :login. */
    final List<String> logins = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connections = new AtomicInteger();
    /** How many command lines had arrived when the first was answered (-1: none answered). */
    volatile int heldAtFirstAnswer = -1;

    /** The TLS identity; null for a plain server. May be swapped between connections. */
    volatile ServerIdentity identity;
    ClientAuth clientAuth = ClientAuth.OPTIONAL;
    /** The TLS versions the fake speaks. */
    List<String> tlsProtocols = TlsContexts.protocols(false);
    /** Client certificate fingerprint to the user it logs in. */
    final Map<String, String> certUsers = new ConcurrentHashMap<>();
    /** The client certificate fingerprint of each TLS connection ("none" without one). */
    final List<String> clientFingerprints = Collections.synchronizedList(new ArrayList<>());
    /** Completed TLS handshakes. */
    final AtomicInteger handshakes = new AtomicInteger();
    /** Bytes a plain server sends instead of any greeting, then closes (null: the greeting). */
    byte[] rawGreeting;

    private final ServerSocket server;
    private final Thread thread;
    private volatile Socket current;

    private FakeServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::acceptLoop, "fake-server");
        thread.setDaemon(true);
    }

    static FakeServer start(Consumer<FakeServer> setup) throws IOException {
        FakeServer fake = new FakeServer();
        setup.accept(fake);
        fake.thread.start();
        return fake;
    }

    static FakeServer start() throws IOException {
        return start(f -> { });
    }

    /** A TLS server presenting {@code identity}. */
    static FakeServer startTls(ServerIdentity identity, Consumer<FakeServer> setup) throws IOException {
        return start(f -> {
            f.identity = identity;
            setup.accept(f);
        });
    }

    /** A server identity for 127.0.0.1 and localhost. */
    static ServerIdentity newIdentity() {
        return ServerIdentity.of(SelfSignedCertificate.forServer("localhost", List.of("127.0.0.1")));
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    String target() {
        return "127.0.0.1:" + port();
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                current = s;
                connections.incrementAndGet();
                if (identity == null) {
                    serve(s, null);
                } else {
                    SSLSocket tls = secure(s);
                    if (tls != null) {
                        String fp = clientFingerprint(tls);
                        clientFingerprints.add(fp);
                        serve(tls, certUsers.get(fp));
                    }
                }
            } catch (IOException e) {
                // next connection, or closed
            }
        }
    }

    /** Thrown to end a connection the way the script says. */
    private static final class Hangup extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The TLS side, as the real server detects it; null when the connection was not TLS. */
    private SSLSocket secure(Socket s) throws IOException {
        TlsDetect.FirstByte first = TlsDetect.readFirstByte(s, TlsDetect.FIRST_BYTE_TIMEOUT);
        if (!(first instanceof TlsDetect.FirstByte.Received r) || !r.isTls()) {
            if (!(first instanceof TlsDetect.FirstByte.Closed)) {
                LineWriter out = new LineWriter(s.getOutputStream());
                out.write("bye this server speaks TLS; connect without --no-tls");
                hangUp(s, out);
            }
            return null;
        }
        SSLContext context = TlsContexts.server(identity, new TrustSpec.AnyValidCertificate());
        SSLSocket tls = TlsDetect.layerServerSocket(context, s, r.value(),
                TlsContexts.serverParameters(tlsProtocols, clientAuth));
        tls.setSoTimeout(5000);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            return null; // the client refused us, or we refused it
        }
        tls.setSoTimeout(0);
        handshakes.incrementAndGet();
        return tls;
    }

    private static String clientFingerprint(SSLSocket tls) {
        try {
            return Fingerprints.sha256((X509Certificate) tls.getSession().getPeerCertificates()[0]);
        } catch (SSLPeerUnverifiedException e) {
            return "none";
        }
    }

    private void serve(Socket s, String certUser) throws IOException {
        LineReader in = new LineReader(s.getInputStream(), 1 << 20);
        LineWriter out = new LineWriter(s.getOutputStream());
        if (rawGreeting != null) {
            s.getOutputStream().write(rawGreeting);
            hangUp(s, out);
            return;
        }
        if (greeting == null) {
            while (in.readLine() != null) {
                // never speak; wait for the client to give up
            }
            return;
        }
        out.write(certUser == null ? greeting : greeting + " user=" + certUser);
        out.flush();
        if (greeting.startsWith("bye")) {
            hangUp(s, out);
            return;
        }
        boolean loggedIn = certUser != null;
        int failures = 0;
        long number = 0;
        List<String> held = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        try {
            while (true) {
                if (!in.hasBufferedBytes()) {
                    out.flush();
                }
                if (holdFor > 0 && heldAtFirstAnswer < 0 && !held.isEmpty()) {
                    s.setSoTimeout(holdMillis);
                }
                LineReader.Line line;
                try {
                    line = in.readLine();
                } catch (SocketTimeoutException e) {
                    s.setSoTimeout(0);
                    release(held, out, deferred);
                    continue;
                }
                if (line == null) {
                    return;
                }
                ClientLine kind = ClientLine.classify(line.text());
                if (kind instanceof ClientLine.Login login) {
                    logins.add(login.user() + " " + login.password());
                    if (!answerLogin) {
                        continue;
                    }
                    if (login.password().equals(password)) {
                        loggedIn = true;
                        out.write("ok logged in as " + login.user());
                        out.write("cwd /home/" + login.user());
                    } else if (++failures >= maxTries) {
                        out.write("bye too many failed logins");
                        throw new Hangup();
                    } else {
                        out.write("no wrong user name or password");
                    }
                    continue;
                }
                received.add(line.text());
                if (kind instanceof ClientLine.Blank) {
                    continue;
                }
                if (kind instanceof ClientLine.Quit) {
                    release(held, out, deferred);
                    for (String d : deferred) {
                        out.write(d);
                    }
                    out.write("bye goodbye");
                    throw new Hangup();
                }
                if (!loggedIn) {
                    out.write("no login first");
                    continue;
                }
                if (kind instanceof ClientLine.CommandText) {
                    held.add(++number + " " + line.text());
                    if (holdFor == 0 || heldAtFirstAnswer >= 0 || held.size() >= holdFor) {
                        s.setSoTimeout(0);
                        release(held, out, deferred);
                    }
                } else {
                    out.write("no unknown control line");
                }
            }
        } catch (Hangup h) {
            hangUp(s, out);
        }
    }

    private void release(List<String> held, LineWriter out, List<String> deferred)
            throws IOException, Hangup {
        if (held.isEmpty()) {
            return;
        }
        if (heldAtFirstAnswer < 0) {
            heldAtFirstAnswer = held.size();
        }
        List<String> batch = new ArrayList<>(held);
        held.clear();
        for (String numbered : batch) {
            int sp = numbered.indexOf(' ');
            answer(Long.parseLong(numbered.substring(0, sp)), numbered.substring(sp + 1), out, deferred);
        }
    }

    private void answer(long n, String text, LineWriter out, List<String> deferred)
            throws IOException, Hangup {
        String t = text.strip();
        boolean background = t.equals("&") || t.endsWith(" &");
        if (background) {
            t = t.substring(0, t.length() - 1).strip();
            out.write("bg " + n);
        }
        int sp = t.indexOf(' ');
        String word = sp < 0 ? t : t.substring(0, sp);
        String rest = sp < 0 ? "" : t.substring(sp + 1);
        List<String> lines = new ArrayList<>();
        int status = 0;
        switch (word) {
            case "echo" -> lines.add("out " + n + " " + rest);
            case "warn" -> {
                lines.add("err " + n + " " + rest);
                status = 1;
            }
            case "status" -> status = Integer.parseInt(rest);
            case "notice" -> lines.add("msg " + rest);
            case "raw" -> lines.add(rest);
            case "job" -> {
                lines.add("out " + n + " job done");
                status = Integer.parseInt(rest);
            }
            case "rawonly" -> {
                out.write(rest);
                return;
            }
            case "orphan" -> {
                return;
            }
            case "drop" -> throw new Hangup();
            case "bye" -> {
                out.write("bye " + rest);
                throw new Hangup();
            }
            case "exit" -> {
                out.write("end " + n + " " + rest);
                out.write("bye goodbye");
                throw new Hangup();
            }
            default -> {
                lines.add("err " + n + " fake: no such command: " + word);
                status = 127;
            }
        }
        lines.add("end " + n + " " + status);
        if (background) {
            deferred.addAll(lines);
        } else {
            for (String l : lines) {
                out.write(l);
            }
        }
    }

    /** Half-close, drain briefly, close: the client sees a clean end of stream, not a reset. */
    private static void hangUp(Socket s, LineWriter out) throws IOException {
        out.flush();
        s.shutdownOutput();
        s.setSoTimeout(300);
        try {
            byte[] sink = new byte[8192];
            while (s.getInputStream().read(sink) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // drained enough
        }
    }
}
