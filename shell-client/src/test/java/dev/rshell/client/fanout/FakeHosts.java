package dev.rshell.client.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for rshell-server on 127.0.0.1, port 0, serving many connections at
 * once (one thread each, daemon, all stopped by {@link #close()}). Password {@value #PASSWORD}
 * for any user but {@code mallory}. Commands:
 * <pre>
 * echo TEXT   out N TEXT, end N 0          fail S   err N failing, end N S
 * sleep       nothing until :interrupt, then end N 130 (lines after it wait, as on the server)
 * pause       end N 0 after 50 ms           garbage  end 999 0 (a protocol violation)
 * drop        close the connection          exit S   end N S, bye goodbye, close
 * </pre>
 * {@code :quit}: {@code bye goodbye} (after a sleeping command ends), close. With {@link #busy},
 * every connection gets {@code bye busy} instead of {@code hello}.
 */
final class FakeHosts implements AutoCloseable {

    static final String PASSWORD = "secret";

    volatile boolean busy;
    /** Every line received after login, per connection in order, all connections together. */
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger loggedIn = new AtomicInteger();
    final AtomicInteger maxLoggedIn = new AtomicInteger();
    final AtomicInteger sleeping = new AtomicInteger();
    final AtomicInteger interrupts = new AtomicInteger();

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

    FakeHosts() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fake-hosts-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Host host(String label, String user) {
        return new Host(label, user, true, "127.0.0.1", port());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fake-hosts-session");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        boolean counted = false;
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            if (busy) {
                write(out, "bye busy");
                return;
            }
            write(out, "hello rshell/1 fake auth=password");
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith(":login ")) {
                    write(out, "no login first");
                    continue;
                }
                String[] parts = line.split(" ", 3);
                if (parts[1].equals("mallory") || !PASSWORD.equals(parts[2])) {
                    write(out, "bye too many failed logins");
                    return;
                }
                write(out, "ok logged in as " + parts[1] + " (operator)");
                write(out, "cwd /home/" + parts[1]);
                break;
            }
            if (line == null) {
                return;
            }
            counted = true;
            maxLoggedIn.accumulateAndGet(loggedIn.incrementAndGet(), Math::max);
            session(in, out);
        } catch (IOException e) {
            // the client went away
        } finally {
            if (counted) {
                loggedIn.decrementAndGet();
            }
        }
    }

    private void session(BufferedReader in, OutputStream out) throws IOException {
        long number = 0;
        long sleeper = 0;
        boolean quitAfter = false;
        Deque<String[]> queue = new ArrayDeque<>();
        String line;
        while ((line = in.readLine()) != null) {
            received.add(line);
            if (line.equals(":interrupt")) {
                if (sleeper == 0) {
                    write(out, "no no command is running");
                    continue;
                }
                interrupts.incrementAndGet();
                write(out, "ok");
                write(out, "end " + sleeper + " 130");
                sleeping.decrementAndGet();
                sleeper = 0;
                while (sleeper == 0 && !queue.isEmpty()) {
                    String[] next = queue.poll();
                    long r = run(out, Long.parseLong(next[0]), next[1]);
                    if (r < 0) {
                        return;
                    }
                    sleeper = r;
                }
                if (sleeper == 0 && quitAfter) {
                    write(out, "bye goodbye");
                    return;
                }
                continue;
            }
            if (line.equals(":quit")) {
                if (sleeper != 0) {
                    quitAfter = true;
                    continue;
                }
                write(out, "bye goodbye");
                return;
            }
            long n = ++number;
            if (sleeper != 0) {
                queue.add(new String[] {String.valueOf(n), line});
                continue;
            }
            long r = run(out, n, line);
            if (r < 0) {
                return;
            }
            sleeper = r;
        }
    }

    /** Runs one command: 0 when it ended, N when it sleeps, -1 when the connection is to close. */
    private long run(OutputStream out, long n, String line) throws IOException {
        String[] w = line.split(" ", 2);
        String arg = w.length > 1 ? w[1] : "";
        switch (w[0]) {
            case "echo" -> {
                write(out, "out " + n + " " + arg);
                write(out, "end " + n + " 0");
            }
            case "fail" -> {
                write(out, "err " + n + " failing");
                write(out, "end " + n + " " + arg);
            }
            case "sleep" -> {
                sleeping.incrementAndGet();
                return n;
            }
            case "pause" -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                write(out, "end " + n + " 0");
            }
            case "garbage" -> write(out, "end 999 0");
            case "drop" -> {
                return -1;
            }
            case "exit" -> {
                write(out, "end " + n + " " + arg);
                write(out, "bye goodbye");
                return -1;
            }
            default -> {
                write(out, "err " + n + " no such command: " + w[0]);
                write(out, "end " + n + " 127");
            }
        }
        return 0;
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        acceptor.join(2000);
        synchronized (threads) {
            for (Thread t : threads) {
                t.join(2000);
            }
        }
    }
}
