package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.ServerControl.SessionInfo;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code who}: the server's sessions, a header and one line each, in columns aligned to the
 * widest value:
 *
 * <pre>
 * ID  USER   ADDRESS          SINCE             IDLE  COMMAND
 * 1   alice  127.0.0.1:50312  2026-01-01 09:15  0s    who
 * 2   -      10.0.0.7:41000   2026-01-01 09:20  3m    -
 * </pre>
 *
 * USER is {@code -} before login; SINCE is when the session connected, in the clock's time
 * zone; IDLE is how long its client has sent nothing ({@link Durations#idle}); COMMAND is its
 * foreground command line, or {@code -}. Every value is made printable (no control
 * characters).
 */
final class WhoCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    private static final String[] HEADER = {"ID", "USER", "ADDRESS", "SINCE", "IDLE", "COMMAND"};

    private final DateTimeFormatter since;

    /** @param clock only its time zone is used, for SINCE */
    WhoCommand(Clock clock) {
        super("who", "who", "list the server's sessions");
        this.since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .withZone(clock.getZone());
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SessionInfo session : context.control().sessions()) {
            rows.add(new String[] {
                Long.toString(session.id()),
                session.user() == null ? "-" : printable(session.user()),
                printable(session.address()),
                since.format(session.since()),
                Durations.idle(session.idle()),
                session.currentCommand().map(BuiltinCommand::printable).orElse("-")});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length - 1; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            line.append(row[row.length - 1]);
            context.output().out(line.toString());
        }
        return 0;
    }
}
