package dev.rshell.client.e2e;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.ServerLineParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One fuzz connection: sends a {@link FuzzInput} script in random pieces, ends in one of several
 * ways (reset, close, half-close, {@code :quit}, or simply reading for a while), and checks what
 * the server answered against the protocol's rules that hold whatever the input.
 *
 * <p>Thread safety: {@link #run} is called from many threads at once; the tallies and the list
 * of violations are concurrent.
 */
final class FuzzConnection {

    /** How a connection ends. */
    enum Ending { RESET, CLOSE, HALF_CLOSE, QUIT, READ_A_WHILE, SILENT_RESET }

    /** A bound on one connection's reading: a guard against a hang, far above a normal answer. */
    private static final long READ_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A half-closed client must see the end of the stream; longer than this is a hang. */
    private static final long EOF_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int MAX_READ = 4 << 20;

    private final InetSocketAddress server;
    private final String user;
    private final String password;
    private final int maxLine;
    private final long seed;

    /** Counts, by name ("ending RESET", "logged in", "write failed: ...", ...). */
    final ConcurrentHashMap<String, LongAdder> tally = new ConcurrentHashMap<>();
    /** What broke a protocol rule, each with the connection's index for a replay. */
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    FuzzConnection(InetSocketAddress server, String user, String password, int maxLine, long seed) {
        this.server = server;
        this.user = user;
        this.password = password;
        this.maxLine = maxLine;
        this.seed = seed;
    }

    /** The generator of connection {@code index}: the same bytes and choices for the same seed. */
    Random random(int index) {
        return new Random(seed * 1_000_003L + index);
    }

    /** Runs connection {@code index} to its end; never throws for what a server may do. */
    void run(int index) {
        Random random = random(index);
        Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
        byte[] script = new FuzzInput(random, user, password, maxLine).script();
        count("ending " + ending);
        try (Socket socket = new Socket()) {
            // Several loopback addresses: the per-address accounting sees more than one client.
            socket.bind(new InetSocketAddress("127.0.0." + (2 + random.nextInt(8)), 0));
            try {
                socket.connect(server, 10_000);
            } catch (IOException e) {
                violations.add(index + ": could not connect: " + e);
                return;
            }
            socket.setSoTimeout(1_000);
            if (ending == Ending.SILENT_RESET) {
                reset(socket);
                return;
            }
            Reply reply = new Reply(socket.getInputStream());
            if (random.nextBoolean()) {
                reply.readLines(1, System.nanoTime() + READ_DEADLINE_NANOS); // the hello, or a bye
            }
            send(socket, script, random);
            switch (ending) {
                case RESET -> reset(socket);
                case CLOSE -> socket.close();
                case HALF_CLOSE -> {
                    socket.shutdownOutput();
                    if (!reply.readToEnd(System.nanoTime() + EOF_DEADLINE_NANOS)) {
                        violations.add(index + ": no end of stream within 15 s of a half-close; got "
                                + reply.lines);
                    }
                }
                case QUIT -> {
                    // The LF first ends a line the script left open, which would swallow :quit.
                    write(socket, "\n:quit\n".getBytes(StandardCharsets.UTF_8));
                    // :quit waits for background commands (a tail -f never ends): not a hang
                    if (!reply.readToEnd(System.nanoTime() + READ_DEADLINE_NANOS)) {
                        count("quit still waiting after 2 s");
                    }
                }
                case READ_A_WHILE -> reply.readLines(Integer.MAX_VALUE,
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(300)));
                default -> throw new AssertionError(ending);
            }
            check(index, reply.lines);
        } catch (IOException e) {
            count("connection failed: " + e.getClass().getSimpleName());
        }
    }

    private void send(Socket socket, byte[] script, Random random) {
        int from = 0;
        while (from < script.length) {
            int to = random.nextInt(4) == 0 ? script.length : from + 1 + random.nextInt(script.length - from);
            if (!write(socket, java.util.Arrays.copyOfRange(script, from, to))) {
                return;
            }
            from = to;
        }
    }

    /** False when the server closed the connection already (after exit, a bye, a reset). */
    private boolean write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            count("write failed");
            return false;
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The rules every answer keeps, whatever the client sent. */
    private void check(int index, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        String first = lines.get(0);
        if (!first.startsWith("hello rshell/1.1 ") && !first.startsWith("bye ")) {
            violations.add(index + ": first line is neither hello nor bye: " + first);
        }
        Set<Long> ended = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            ServerLine line = ServerLineParser.parse(text);
            if (line instanceof ServerLine.Unknown) {
                violations.add(index + ": not a protocol line: " + abbreviate(text));
            } else if (line instanceof ServerLine.Bye bye) {
                count(bye.text().startsWith("busy") || bye.text().startsWith("blocked")
                        ? "refused: " + bye.text() : "bye");
                if (i != lines.size() - 1) {
                    violations.add(index + ": lines after bye: " + lines.subList(i, lines.size()));
                }
            } else if (line instanceof ServerLine.Ok ok && ok.text().startsWith("logged in as ")) {
                count("logged in");
            } else if (line instanceof ServerLine.End end) {
                count("end");
                if (!ended.add(end.command())) {
                    violations.add(index + ": second end of command " + end.command());
                }
            }
            long about = line instanceof ServerLine.Out o ? o.command()
                    : line instanceof ServerLine.Err e ? e.command()
                    : line instanceof ServerLine.Bg b ? b.command() : -1;
            if (about >= 0 && ended.contains(about)) {
                violations.add(index + ": a line about command " + about + " after its end: " + abbreviate(text));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " chars)";
    }

    private void count(String what) {
        tally.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** The server's side of the conversation: complete lines only, bounded in bytes. */
    private final class Reply {
        final List<String> lines = new ArrayList<>();
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int total;

        Reply(InputStream in) {
            this.in = in;
        }

        /** Reads up to {@code count} lines until the deadline; false at a timeout or the deadline. */
        boolean readLines(int count, long deadline) {
            int target = lines.size() + count;
            while (lines.size() < target && System.nanoTime() < deadline) {
                int status = readSome();
                if (status < 0) {
                    return true;
                }
            }
            return lines.size() >= target;
        }

        /** Reads until the server closes; false when the deadline came first. */
        boolean readToEnd(long deadline) {
            while (System.nanoTime() < deadline) {
                if (readSome() < 0) {
                    return true;
                }
            }
            return false;
        }

        /** -1 at the end of the stream (or a reset), else the bytes read (0 after a timeout). */
        private int readSome() {
            byte[] buffer = new byte[8192];
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (IOException e) {
                count("read failed");
                return -1;
            }
            if (n < 0) {
                return -1;
            }
            total += n;
            if (total > MAX_READ) {
                violations.add("more than " + MAX_READ + " bytes from the server for one connection");
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    lines.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(buffer[i]);
                }
            }
            return n;
        }
    }
}
