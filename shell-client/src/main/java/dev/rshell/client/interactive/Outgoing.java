package dev.rshell.client.interactive;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Every line the interactive shell sends, and the control lines still waiting for their answer.
 *
 * <p>The server answers {@code :ping}, {@code :interrupt}, {@code :complete}, {@code :features}
 * and unknown control lines at once, in the order they arrive, each with one {@code ok} or
 * {@code no}. So the answers are matched to the requests by a FIFO: a request is queued and
 * written under one lock, which makes the queue's order the wire's order, and the reader thread
 * hands each {@code ok} or {@code no} to the oldest request. An answer with no request waiting is
 * a protocol error. ({@code :login} is never sent from the shell: once logged in, the server would
 * answer it in order with the command lines rather than at once, which would break the matching.)
 * Input lines ({@code :in}, {@code :in-}, {@code :eof}) get no answer when they are well formed
 * and name a command that took {@code :stdin}, which is all the shell sends.
 *
 * <p>A request whose caller gave up (a completion past its timeout) stays queued until its
 * answer comes, so later answers still match.
 *
 * <p>Thread safety: sends are serialized on {@code sendLock} and may come from the input
 * thread and the keepalive thread; {@link #answered} and {@link #closed} come from the reader
 * thread. The queue itself is guarded by its own monitor, never held while writing, so the
 * reader never waits for a blocked write.
 */
final class Outgoing {

    /** Who is waiting for a control line's answer. */
    enum Kind {
        /** {@code :complete} from the Tab key. */
        COMPLETE,
        /** {@code :ping} from the keepalive. */
        PING,
        /** {@code :interrupt N} from Ctrl-C or quitting. */
        INTERRUPT,
        /** A control line the user typed: its answer is shown. */
        TYPED,
        /** {@code :features}, sent once after login. */
        FEATURES
    }

    /** One control line and its answer: {@code ok}/{@code no}, or null when the connection ended. */
    record Request(ClientLine.Sendable line, Kind kind, CompletableFuture<ServerLine> reply) {
    }

    private final Object sendLock = new Object();
    private final Deque<Request> pending = new ArrayDeque<>();
    private volatile ClientSession session;
    private volatile boolean closed;

    /** The session to write to; lines sent before are dropped (nothing sends before login). */
    void attach(ClientSession s) {
        session = s;
    }

    /** Sends a command line. */
    void command(ClientLine.CommandText line) throws IOException {
        synchronized (sendLock) {
            write(line);
        }
    }

    /** Sends a command line whose standard input stays open ({@code :stdin}). */
    void command(ClientLine.StdinCommand line) throws IOException {
        synchronized (sendLock) {
            write(line);
        }
    }

    /**
     * Sends input for a command ({@code :in}, {@code :in-}, {@code :eof}), in one flush. The
     * server answers none of them while they are well formed, so nothing waits for an answer.
     */
    void input(List<? extends ClientLine.ToInput> lines) throws IOException {
        synchronized (sendLock) {
            ClientSession s = session;
            if (s == null) {
                throw new IOException("not connected");
            }
            for (ClientLine.ToInput line : lines) {
                s.send(line);
            }
            s.flush();
        }
    }

    /** Sends {@code :quit}, answered by {@code bye}, not by {@code ok}. */
    void quit() throws IOException {
        synchronized (sendLock) {
            write(new ClientLine.Quit());
        }
    }

    /**
     * Sends a control line answered by {@code ok} or {@code no}.
     *
     * @return the request; its reply completes with null at once when the connection is over
     */
    Request control(ClientLine.Sendable line, Kind kind) throws IOException {
        Request r = new Request(line, kind, new CompletableFuture<>());
        synchronized (sendLock) {
            synchronized (pending) {
                if (closed) {
                    r.reply().complete(null);
                    return r;
                }
                pending.addLast(r);
            }
            write(line);
        }
        return r;
    }

    /** Reader thread: an {@code ok} or {@code no} line answers the oldest request. */
    Request answered(ServerLine reply) throws ProtocolViolation {
        Request r;
        synchronized (pending) {
            r = pending.pollFirst();
        }
        if (r == null) {
            throw new ProtocolViolation("unexpected " + Text.quote(reply.toWire())
                    + ": no control line is waiting for an answer");
        }
        r.reply().complete(reply);
        return r;
    }

    /** True while a {@code :complete} waits for its answer. */
    boolean completionPending() {
        synchronized (pending) {
            for (Request r : pending) {
                if (r.kind() == Kind.COMPLETE) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Reader thread, at the end: every waiting request gets null; later ones get null at once. */
    void closed() {
        Deque<Request> left;
        synchronized (pending) {
            closed = true;
            left = new ArrayDeque<>(pending);
            pending.clear();
        }
        for (Request r : left) {
            r.reply().complete(null);
        }
    }

    private void write(ClientLine.Sendable line) throws IOException {
        ClientSession s = session;
        if (s == null) {
            throw new IOException("not connected");
        }
        s.send(line);
        s.flush();
    }
}
