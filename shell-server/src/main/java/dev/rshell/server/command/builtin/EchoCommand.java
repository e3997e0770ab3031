package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code echo [-neE] [WORDS...]}: prints the words separated by single spaces, as GNU
 * {@code echo} does: leading words made only of {@code -} and the letters {@code n e E} are
 * options, anything else (also {@code --}, {@code -x}) is the first word to print.
 *
 * <ul>
 *   <li>{@code -e} turns on backslash escapes: {@code \\ \a \b \c \e \f \n \r \t \v},
 *       {@code \0NNN} (octal, up to three digits) and {@code \xHH} (hex, one or two);
 *       {@code \c} ends the output there. {@code -E} turns them off again (the default); the
 *       last one given wins.</li>
 *   <li>{@code -n} leaves out the final newline. Output travels as whole lines, so a last
 *       line without one still arrives as a line: what {@code -n} changes is that
 *       {@code echo -n} alone prints no line at all, and a trailing {@code \n} from
 *       {@code -e} adds none.</li>
 * </ul>
 */
final class EchoCommand extends BuiltinCommand {

    EchoCommand() {
        super("echo", "echo [-neE] [WORDS...]",
                "print the words, separated by spaces (-n: no final newline, -e: escapes)");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args) throws InterruptedException {
        boolean newline = true;
        boolean escapes = false;
        int first = 0;
        while (first < args.size() && isOptionWord(args.get(first))) {
            for (char c : args.get(first).substring(1).toCharArray()) {
                switch (c) {
                    case 'n' -> newline = false;
                    case 'e' -> escapes = true;
                    default -> escapes = false; // 'E'
                }
            }
            first++;
        }
        StringBuilder text = new StringBuilder();
        for (int i = first; i < args.size(); i++) {
            if (i > first) {
                text.append(' ');
            }
            if (escapes && unescape(args.get(i), text)) {
                newline = false; // \c: nothing more, not even the newline
                break;
            }
            if (!escapes) {
                text.append(args.get(i));
            }
        }
        if (newline) {
            text.append('\n');
        }
        print(context, text);
        return 0;
    }

    private static boolean isOptionWord(String word) {
        if (word.length() < 2 || word.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != 'n' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * The text as output lines, as an OS program's output would arrive: each LF ends a line,
     * and text after the last one is a line too; nothing at all is no line.
     */
    private static void print(CommandContext context, CharSequence text) throws InterruptedException {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                context.output().out(text.subSequence(start, i).toString());
                start = i + 1;
            }
        }
        if (start < text.length()) {
            context.output().out(text.subSequence(start, text.length()).toString());
        }
    }

    /**
     * Appends {@code word} with {@code -e}'s escapes applied.
     *
     * @return true at {@code \c}: the output ends there
     */
    static boolean unescape(String word, StringBuilder out) {
        int n = word.length();
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char e = word.charAt(++i);
            switch (e) {
                case '\\' -> out.append('\\');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'c' -> {
                    return true;
                }
                case 'e' -> out.append('\u001b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '0' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 3 && i + 1 < n && word.charAt(i + 1) >= '0' && word.charAt(i + 1) <= '7') {
                        value = value * 8 + (word.charAt(++i) - '0');
                        digits++;
                    }
                    out.append((char) (value & 0xFF));
                }
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < n && hex(word.charAt(i + 1)) >= 0) {
                        value = value * 16 + hex(word.charAt(++i));
                        digits++;
                    }
                    if (digits == 0) {
                        out.append("\\x"); // as GNU: not an escape without a hex digit
                    } else {
                        out.append((char) value);
                    }
                }
                default -> out.append('\\').append(e);
            }
        }
        return false;
    }

    /** An ASCII hex digit's value, or -1 (Character.digit would take other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
