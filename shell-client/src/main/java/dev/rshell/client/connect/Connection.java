package dev.rshell.client.connect;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.ServerLineParser;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.common.protocol.codec.LineWriter;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;

/**
 * One connection to a server: the socket, the thread that reads it, and the writer.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li>ONE reader thread per connection, named {@value #READER_THREAD_NAME}, a daemon, started
 *       by {@link #open}: a platform thread, or one from the factory given to
 *       {@link #open(Socket, ServerListener, ThreadFactory)} (the bench's idle sessions use
 *       virtual threads where Java has them). It owns the socket's input: it reads lines with the bounded
 *       {@link LineReader} (at most {@value #MAX_SERVER_LINE} bytes a line), parses them with
 *       {@link ServerLineParser}, drops kinds this version does not know (a known kind that fails
 *       to parse is a protocol violation), and hands every other
 *       line to the {@link ServerListener} &mdash; the listener's {@code onLine} is the one call
 *       that may print from the reader thread.</li>
 *   <li>The calling (main) thread only writes: {@link #send} and {@link #flush} (in batch mode
 *       the stdin pump thread writes input lines too; the writer keeps lines whole). Because reading
 *       never waits for writing, the client cannot deadlock against a server that is writing
 *       output while the client is still sending commands: TCP backpressure on one direction
 *       never stops the other.</li>
 *   <li>The reader hands its ending &mdash; end of stream, an I/O failure, a protocol violation
 *       &mdash; to the main thread through {@link ServerListener#onClosed}, exactly once, as its
 *       last act. On a violation it closes the socket first, which also unblocks a main-thread
 *       write.</li>
 *   <li>Shutdown is explicit: {@link #close()} closes the socket (unblocking the read) and
 *       joins the reader for at most {@link #READER_JOIN_MILLIS} ms. The join is bounded
 *       because the reader could be stuck printing to a stdout nobody drains; it is a daemon,
 *       so it can't keep the JVM alive.</li>
 * </ul>
 *
 * <p>Why 1 MiB for server lines: the server splits output longer than its {@code max-line}
 * (64 KiB by default) into several lines, so a longer line only comes from a server with a
 * much larger setting or a broken one; 16 times the default leaves room for the former and
 * bounds the client's memory against the latter. A longer line is a protocol error.
 *
 * <p>Thread safety: {@link #send} and {@link #flush} are safe from any thread (the
 * {@link LineWriter} is synchronized) but are meant for the main thread; {@link #close()} is
 * idempotent and safe from any thread.
 */
public final class Connection implements AutoCloseable {

    /** The reader thread's name, so tests and thread dumps can find it. */
    public static final String READER_THREAD_NAME = "rshell-reader";
    /** The client's bound on one server line, in bytes, LF not counted. */
    public static final int MAX_SERVER_LINE = 1 << 20;
    /** How long {@link #close()} waits for the reader thread to finish. */
    static final long READER_JOIN_MILLIS = 2000;

    private final Socket socket;
    private final LineReader reader;
    private final LineWriter writer;
    private final ServerListener listener;
    private final Thread readerThread;
    private volatile boolean closing;

    /** Platform daemon threads named {@value #READER_THREAD_NAME}: the readers of {@link #open(Socket, ServerListener)}. */
    public static final ThreadFactory PLATFORM_READERS = task -> {
        Thread t = new Thread(task, READER_THREAD_NAME);
        t.setDaemon(true);
        return t;
    };

    private Connection(Socket socket, ServerListener listener, ThreadFactory readers) throws IOException {
        this.socket = socket;
        this.reader = new LineReader(socket.getInputStream(), MAX_SERVER_LINE);
        this.writer = new LineWriter(socket.getOutputStream());
        this.listener = listener;
        this.readerThread = readers.newThread(this::readLoop);
    }

    /**
     * Wraps a connected socket and starts its reader thread, which from now on owns the input.
     * On failure the socket is closed.
     */
    public static Connection open(Socket socket, ServerListener listener) throws IOException {
        return open(socket, listener, PLATFORM_READERS);
    }

    /**
     * As {@link #open(Socket, ServerListener)}, with the reader thread made by {@code readers}:
     * it must return an unstarted daemon (or virtual) thread.
     */
    public static Connection open(Socket socket, ServerListener listener, ThreadFactory readers) throws IOException {
        Connection connection;
        try {
            connection = new Connection(socket, listener, readers);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        // Started here, not in the constructor, so the thread never sees a half-built object.
        connection.readerThread.start();
        return connection;
    }

    /**
     * Buffers one line for the server; see {@link #flush()}. Every client line goes through here
     * as a typed value, so its wire text is written in one place ({@link ClientLine}).
     *
     * @throws IllegalArgumentException when the line can't be sent as it is (see
     *         {@link ClientLine.Sendable#toWire()}): the caller's bug
     */
    public void send(ClientLine.Sendable line) throws IOException {
        writer.write(line.toWire());
    }

    /** Writes the buffered lines to the socket: callers flush once per batch, not per line. */
    public void flush() throws IOException {
        writer.flush();
    }

    /** Closes the socket and waits (bounded) for the reader thread to end. Idempotent. */
    @Override
    public void close() {
        // Set before closing so the reader reports ClosedHere rather than a lost connection.
        closing = true;
        closeSocket();
        if (Thread.currentThread() != readerThread) {
            try {
                readerThread.join(READER_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A one-line reason for an I/O failure, without the exception's class name. */
    public static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof java.net.SocketTimeoutException ? "timed out" : "I/O error";
        }
        if (message.contains("certificate_required")) {
            // TLS 1.3: the server checks the client's certificate after the client's handshake
            // ended, so the refusal arrives as an alert on the first read.
            return "the server requires a client certificate (use --identity FILE.p12)";
        }
        for (String alert : new String[] {"bad_certificate", "unsupported_certificate", "certificate_revoked",
            "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied"}) {
            if (message.contains("alert: " + alert)) {
                // SunJSSE answers a missing required certificate with bad_certificate as well.
                return "the server refused the client certificate, or requires one (TLS alert " + alert
                        + "; see --identity)";
            }
        }
        // JSSE messages sometimes embed a cause as "some.pkg.FooException: text".
        return message.replace('\n', ' ').replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ?", "");
    }

    private void readLoop() {
        ConnectionEnd end;
        try {
            end = pump();
        } catch (IOException e) {
            end = closing ? new ConnectionEnd.ClosedHere() : new ConnectionEnd.Lost(describe(e));
        } catch (ProtocolViolation v) {
            end = new ConnectionEnd.Violation(v.getMessage());
        } catch (RuntimeException e) {
            // A bug in a listener must not leave the main thread waiting for lines forever.
            end = new ConnectionEnd.Lost("internal error in the reader: " + e.getClass().getSimpleName());
        }
        closeSocket();
        try {
            listener.onClosed(end);
        } catch (RuntimeException ignored) {
            // Nothing more to tell anyone; the thread ends either way.
        }
    }

    private ConnectionEnd pump() throws IOException, ProtocolViolation {
        while (true) {
            if (!reader.hasBufferedBytes()) {
                listener.onIdle();
            }
            LineReader.Line read = reader.readLine();
            if (read == null) {
                return new ConnectionEnd.EndOfStream();
            }
            if (read.isTooLong()) {
                throw new ProtocolViolation("a server line of " + read.bytes()
                        + " bytes exceeds the client's limit of " + MAX_SERVER_LINE + " bytes");
            }
            ServerLine line = ServerLineParser.parse(read.text());
            if (line instanceof ServerLine.Unknown unknown) {
                if (ServerLineParser.KINDS.contains(unknown.kind())) {
                    throw new ProtocolViolation("malformed server line: " + Text.quote(unknown.raw()));
                }
                continue; // a kind from a later protocol version: ignored, as protocol.md asks
            }
            listener.onLine(line);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the socket is unusable either way.
        }
    }
}
