package dev.rshell.server.session;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.command.Completer;
import dev.rshell.server.policy.AccessPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What the reader does with each line it reads: control lines ({@code :ping},
 * {@code :interrupt}, {@code :complete}, a {@code :login} before login) are answered at once;
 * command lines are numbered and given to the {@link CommandRunner}; replies that must stay
 * in order with command output ({@code :quit}, a second {@code :login}) go through the queue.
 *
 * <p>Thread safety: used by the session's reader thread only; it alone numbers commands.
 */
final class LineDispatcher {

    /** The one line a command gets when an interrupt dropped output it had queued. */
    static final String DROPPED_NOTE = "(output dropped after interrupt)";

    private final Session session;
    private final CommandRunner runner;
    private long nextNumber = 1;

    LineDispatcher(Session session, CommandRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    /** A line longer than {@code max-line}, of which only the length is known. */
    void tooLong(long bytes) throws InterruptedException {
        if (!session.loggedIn()) {
            session.outbox().send(new ServerLine.No("line too long: " + bytes + " bytes (max-line is "
                    + session.services().config().maxLine() + ")").toWire());
        } else {
            enqueue(new CommandQueue.TooLongItem(number(), bytes));
        }
    }

    /** One line of {@code bytes} bytes, already classified. */
    void handle(ClientLine line, long bytes) throws InterruptedException, IOException {
        Outbox outbox = session.outbox();
        boolean loggedIn = session.loggedIn();
        if (line instanceof ClientLine.CommandText c) {
            if (loggedIn) {
                runner.submit(new CommandQueue.CommandItem(number(), c.text(), bytes));
            } else {
                outbox.send(new ServerLine.No("login first").toWire());
            }
        } else if (line instanceof ClientLine.Blank) {
            return;
        } else if (line instanceof ClientLine.BadControl b) {
            outbox.send(new ServerLine.No(b.reply()).toWire());
        } else if (line instanceof ClientLine.Features f) {
            outbox.send(new ServerLine.Ok(String.join(" ", session.features().grant(f.names()))).toWire());
        } else if (line instanceof ClientLine.Ping p) {
            outbox.send(new ServerLine.Ok(p.text().isEmpty() ? "pong" : "pong " + p.text()).toWire());
        } else if (line instanceof ClientLine.Login l) {
            if (loggedIn) {
                enqueue(new CommandQueue.ReplyItem(new ServerLine.No("already logged in").toWire()));
            } else {
                session.login().attempt(l);
            }
        } else if (line instanceof ClientLine.Quit) {
            if (loggedIn) {
                enqueue(new CommandQueue.QuitItem());
            } else {
                session.endWith("goodbye");
            }
        } else if (!loggedIn) {
            outbox.send(new ServerLine.No("login first").toWire());
        } else if (line instanceof ClientLine.StdinCommand c) {
            stdinCommand(c.text(), bytes);
        } else if (line instanceof ClientLine.ToInput input) {
            input(input);
        } else if (line instanceof ClientLine.Interrupt i) {
            interrupt(i.command());
        } else if (line instanceof ClientLine.Complete c) {
            outbox.send(new ServerLine.Ok(String.join(" ", complete(c.line()))).toWire());
        }
    }

    /**
     * A command line whose standard input stays open: its input is opened now, so {@code :in}
     * may come before it starts, and its first window goes out at once.
     */
    private void stdinCommand(String text, long bytes) throws InterruptedException {
        if (!session.features().input()) {
            session.outbox().send(new ServerLine.No("feature input not granted").toWire());
            return;
        }
        long n = number();
        session.inputs().open(n);
        session.outbox().send(new ServerLine.More(n, InputBuffer.WINDOW).toWire());
        runner.submit(CommandQueue.CommandItem.withInput(n, text, bytes));
    }

    /**
     * {@code :in}, {@code :in-}, {@code :inb}, {@code :eof}: taken at once and never blocking,
     * since the window bounds what may be held; no reply unless something is wrong.
     */
    private void input(ClientLine.ToInput line) throws InterruptedException {
        if (line instanceof ClientLine.InputBytes && !session.features().bytes()) {
            session.outbox().send(new ServerLine.No("feature bytes not granted").toWire());
            return;
        }
        InputTable.Target target = session.inputs().target(line.command());
        if (target instanceof InputTable.Target.Ended) {
            return; // it raced the command's end
        }
        if (!(target instanceof InputTable.Target.Live live)) {
            session.outbox().send(new ServerLine.No("command " + line.command() + " takes no input").toWire());
            return;
        }
        if (line instanceof ClientLine.EndOfInput) {
            live.input().endOfInput();
            return;
        }
        byte[] data;
        if (line instanceof ClientLine.Input in) {
            data = (in.text() + "\n").getBytes(StandardCharsets.UTF_8);
        } else if (line instanceof ClientLine.PartialInput in) {
            data = in.text().getBytes(StandardCharsets.UTF_8);
        } else {
            data = ((ClientLine.InputBytes) line).bytes();
        }
        if (live.input().offer(data) == InputBuffer.Offer.EXCEEDED) {
            session.endWith("input window exceeded");
        }
    }

    private List<String> complete(String partial) {
        SessionConfig config = session.services().config();
        LoggedIn shell = session.shell();
        AccessPolicy policy = shell.policy();
        SessionState state = shell.state();
        boolean any = config.execEnabled() && policy.anyProgram();
        return new Completer(shell.commands(), any,
                config.execEnabled() ? policy.allowedProgramNames() : Set.of(), policy::mayRead)
                .complete(partial, state.workingDirectory(), shell.home(),
                        any ? state.variable("PATH") : config.execPath());
    }

    private void enqueue(CommandQueue.Item item) throws InterruptedException {
        if (session.queue().put(item)) {
            runner.start(session.services().runners());
        }
    }

    /** The next command number; the command table learns it at once (see {@link CommandTable}). */
    private long number() {
        long n = nextNumber++;
        session.commandTable().numbered(n);
        return n;
    }

    private void interrupt(long number) throws InterruptedException {
        Outbox outbox = session.outbox();
        CommandTable.Interrupt result = session.commandTable().interrupt(number, target -> {
            // Before its thread is interrupted, so the command's end can't come first: output
            // still queued would only delay that end (the prompt), so it goes, and we say so.
            int dropped = target.dropOutput();
            outbox.sendUninterruptibly(new ServerLine.Ok("").toWire());
            if (dropped > 0) {
                outbox.sendUninterruptibly(new ServerLine.Err(target.number(), DROPPED_NOTE).toWire());
            }
        });
        if (result == CommandTable.Interrupt.KEPT) {
            outbox.send(new ServerLine.Ok("").toWire()); // its end (130) follows when it starts
        } else if (result == CommandTable.Interrupt.NONE) {
            outbox.send(new ServerLine.No(number < 0 ? "no command is running"
                    : "no such running command: " + number).toWire());
        }
    }
}
