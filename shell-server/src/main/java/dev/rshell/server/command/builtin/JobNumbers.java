package dev.rshell.server.command.builtin;

import dev.rshell.server.command.builtin.BuiltinCommand.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The operands of {@code kill} and {@code wait}: background command numbers written {@code N}
 * or {@code %N}, N from 1. Neither takes options, so a word starting with {@code -} is a usage
 * error with the caller's hint (for {@code kill -9 PID}: use {@code /bin/kill}).
 */
final class JobNumbers {

    private JobNumbers() {
    }

    /**
     * The numbers, in order.
     *
     * @param optionHint the usage problem for a word starting with {@code -}
     */
    static List<Long> parse(List<String> args, String optionHint) throws UsageException {
        List<Long> numbers = new ArrayList<>(args.size());
        for (String arg : args) {
            if (arg.startsWith("-") && arg.length() > 1) {
                throw BuiltinCommand.usage(optionHint);
            }
            String digits = arg.startsWith("%") ? arg.substring(1) : arg;
            numbers.add(BuiltinCommand.number(digits, 1, Long.MAX_VALUE,
                    "N must be a background command number, as jobs shows it"));
        }
        return numbers;
    }
}
