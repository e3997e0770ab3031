package dev.rshell.client.bench;

import dev.rshell.common.tls.ClientAuth;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsContexts;
import dev.rshell.common.tls.TrustSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;

/**
 * A scripted stand-in for rshell-server, plain TCP on 127.0.0.1, port 0, one thread per
 * connection: {@code hello}, {@code :login USER PASSWORD} ({@link #PASSWORD} for anyone), then
 * each command line gets its number and an answer:
 *
 * <pre>
 * fail         end N 1              nosuch    end N 127
 * hang         no end ever
 * stats        the {@link #statsLines} as out lines, end N 0; without them end N 127
 * anything     out N hi, end N 0
 * :quit        bye goodbye, close   :other    no unknown control line
 * </pre>
 *
 * Misbehaviour on demand: {@link #duplicateEndAt} answers that command twice;
 * {@link #dropAfter} closes the connection instead of answering that command;
 * {@link #refuse} answers the connections it accepts (by their number, from 1, in accept order)
 * with {@code bye busy} instead of {@code hello}. Answers are
 * flushed when the input is drained.
 */
final class TinyShellServer implements AutoCloseable {

    static final String PASSWORD = "pw";

    volatile List<String> statsLines;
    volatile int duplicateEndAt;
    volatile int dropAfter;
    volatile java.util.function.IntPredicate refuse = n -> false;

    final AtomicInteger commands = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger loggedIn = new AtomicInteger();

    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** The TLS certificate's fingerprint, or null for a plain server. */
    final String fingerprint;

    /** A plain server. */
    TinyShellServer() throws IOException {
        this(false);
    }

    /** A plain server, or a TLS one with a new self-signed certificate ({@link #fingerprint}). */
    TinyShellServer(boolean tls) throws IOException {
        if (tls) {
            ServerIdentity identity = ServerIdentity.of(SelfSignedCertificate.forServer("localhost",
                    List.of("127.0.0.1")));
            SSLServerSocket ssl = (SSLServerSocket) TlsContexts.server(identity, TrustSpec.anyValidCertificate())
                    .getServerSocketFactory().createServerSocket();
            ssl.setSSLParameters(TlsContexts.serverParameters(TlsContexts.protocols(false), ClientAuth.NONE));
            listener = ssl;
            fingerprint = identity.fingerprint();
        } else {
            listener = new ServerSocket();
            fingerprint = null;
        }
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "tiny-shell-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    String target() {
        return "bench@127.0.0.1:" + port();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                int number = connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s, refuse.test(number)), "tiny-shell-" + number);
                t.setDaemon(true);
                synchronized (threads) {
                    threads.add(t);
                }
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, boolean refused) {
        try (s) {
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            if (refused) {
                out.write("bye busy\n");
                out.flush();
                return;
            }
            out.write("hello rshell/1 tiny auth=password\n");
            out.flush();
            boolean login = false;
            long n = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.strip();
                if (cmd.isEmpty()) {
                    continue;
                }
                if (cmd.startsWith(":login ")) {
                    logins.incrementAndGet();
                    if (cmd.endsWith(" " + PASSWORD)) {
                        login = true;
                        loggedIn.incrementAndGet();
                        out.write("ok logged in\ncwd /home/bench\n");
                    } else {
                        out.write("no wrong password\n");
                    }
                } else if (cmd.equals(":quit")) {
                    out.write("bye goodbye\n");
                    out.flush();
                    s.shutdownOutput();
                    return;
                } else if (cmd.startsWith(":")) {
                    out.write("no unknown control line: " + cmd + "\n");
                } else if (!login) {
                    out.write("no login first\n");
                } else {
                    n++;
                    commands.incrementAndGet();
                    if (dropAfter > 0 && n >= dropAfter) {
                        return;
                    }
                    answer(out, n, cmd);
                    if (n == duplicateEndAt) {
                        out.write("end " + n + " 0\n");
                    }
                }
                if (!in.ready()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            sockets.remove(s);
        }
    }

    private void answer(Writer out, long n, String cmd) throws IOException {
        switch (cmd) {
            case "fail" -> out.write("end " + n + " 1\n");
            case "hang" -> {
                // never ends
            }
            case "nosuch" -> out.write("err " + n + " nosuch: no such command\nend " + n + " 127\n");
            case "stats" -> {
                List<String> lines = statsLines;
                if (lines == null) {
                    out.write("err " + n + " stats: no such command\nend " + n + " 127\n");
                } else {
                    for (String l : lines) {
                        out.write("out " + n + " " + l + "\n");
                    }
                    out.write("end " + n + " 0\n");
                }
            }
            default -> out.write("out " + n + " hi\nend " + n + " 0\n");
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        listener.close();
        for (Socket s : sockets) {
            s.setSoTimeout(100);
            s.close();
        }
        acceptor.join(2000);
        synchronized (threads) {
            for (Thread t : threads) {
                t.join(2000);
            }
        }
    }
}
