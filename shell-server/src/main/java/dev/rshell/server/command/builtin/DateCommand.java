package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code date [-u]}: prints the current time as ISO-8601 with a numeric offset, in the
 * server's time zone or, with {@code -u}, in UTC ({@code +00:00}, not {@code Z}, so the format
 * is the same either way). There is no {@code +FORMAT}.
 */
final class DateCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final Clock clock;

    /** @param clock the time and zone to report; the server's own clock outside tests */
    DateCommand(Clock clock) {
        super("date", "date [-u]", "print the date and time (ISO-8601; -u: in UTC)");
        this.clock = clock;
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, "u", "");
        if (!options.operands().isEmpty()) {
            throw usage("too many arguments");
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (options.has('u')) {
            now = now.withZoneSameInstant(ZoneOffset.UTC);
        }
        context.output().out(FORMAT.format(now));
        return 0;
    }
}
