package dev.rshell.server.session;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandIo;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.OutputSink;
import dev.rshell.server.command.Programs;
import dev.rshell.server.command.ServerFacts;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link CommandContext} of one command of a session: a view of the session's state with
 * the command's own output sink.
 *
 * <p>Thread safety: as the session state behind it (every accessor is atomic).
 */
final class SessionCommandContext implements CommandContext {

    private final CommandHost session;
    private final LoggedIn shell;
    private final SessionState state;
    private final long number;
    private final CommandIo io;
    private final boolean background;
    private final CommandExecution execution;

    SessionCommandContext(CommandHost session, LoggedIn shell, long number, CommandIo io,
                          boolean background, CommandExecution execution) {
        this.session = session;
        this.shell = shell;
        this.state = shell.state();
        this.number = number;
        this.io = io;
        this.background = background;
        this.execution = execution;
    }

    @Override
    public long commandNumber() {
        return number;
    }

    @Override
    public OutputSink output() {
        return io.output();
    }

    @Override
    public CommandIo io() {
        return io;
    }

    @Override
    public String user() {
        return shell.user();
    }

    @Override
    public String role() {
        return shell.role();
    }

    @Override
    public Path home() {
        return shell.home();
    }

    @Override
    public Path workingDirectory() {
        return state.workingDirectory();
    }

    @Override
    public void changeDirectory(Path directory) throws InterruptedException {
        Path normalized = directory.toAbsolutePath().normalize();
        state.setWorkingDirectory(normalized);
        session.outbox().append(new ServerLine.Cwd(normalized.toString()).toWire());
    }

    @Override
    public String variable(String name) {
        return state.variable(name);
    }

    @Override
    public void setVariable(String name, String value) {
        state.setVariable(name, value);
    }

    @Override
    public void unsetVariable(String name) {
        state.unsetVariable(name);
    }

    @Override
    public Map<String, String> variables() {
        return state.variables();
    }

    @Override
    public CommandRegistry commands() {
        return shell.commands();
    }

    @Override
    public Programs programs() {
        return new SessionPrograms(session.services().config().execEnabled(), shell.policy(), state);
    }

    @Override
    public int runProgram(java.util.List<String> argv) throws InterruptedException {
        return execution.runProgram(this, argv);
    }

    @Override
    public ServerFacts server() {
        return session.services().facts();
    }

    @Override
    public boolean background() {
        return background;
    }

    @Override
    public boolean mayRead(Path path) {
        return shell.policy().mayRead(resolve(path.toString()));
    }

    @Override
    public dev.rshell.config.user.PasswordPolicy passwordPolicy() {
        return session.services().authenticator().policy();
    }

    @Override
    public boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException {
        return session.changePassword(oldPassword, newPassword);
    }

    @Override
    public java.util.List<Job> jobs() {
        return session.commandTable().jobs();
    }

    @Override
    public boolean interruptJob(long number) {
        return session.commandTable().interruptJob(number);
    }

    @Override
    public java.util.OptionalInt awaitJob(long number) throws InterruptedException {
        return session.commandTable().awaitJob(number);
    }

    @Override
    public dev.rshell.server.command.ServerControl control() {
        return session.services().control();
    }

    @Override
    public void endSession() {
        session.endAfterCurrentCommand();
    }
}
