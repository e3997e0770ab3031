package dev.rshell.common.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses one command line (protocol.md, "Command lines") into an argv: a pure function of
 * the line and the {@link ParseContext}, which never throws for any line.
 *
 * <p>The rules, with the choices the protocol leaves open:
 * <ul>
 * <li>Words are separated by unquoted spaces and tabs; any other character, including other
 *     white space, control characters, U+FFFD and all non-ASCII text (emoji, combining marks,
 *     surrogate pairs), is an ordinary character and passes through intact. So are
 *     {@code ( ) ! =}: there are no subshells, groups or history. So are {@code {} and
 *     {@code }} except in what bash would brace-expand ({@code {a,b}}, {@code {1..3}}: see
 *     {@code BraceLists}), which is a syntax error rather than text that silently means
 *     something else; {@code $(} and a backtick, unquoted or inside double quotes, are syntax
 *     errors for the same reason (sh would run a command there).
 * <li>{@code '...'} is literal. In {@code "..."} only {@code \"}, {@code \\}, {@code \$} and
 *     {@code \`} are escapes; any other backslash is kept. Outside quotes {@code \c} is a literal
 *     {@code c}. {@code ''} and {@code ""} make an empty word.
 * <li>{@code $NAME} and {@code ${NAME}} expand, inside double quotes and outside; NAME is
 *     {@code [A-Za-z_][A-Za-z0-9_]*}; an unset variable expands to nothing. {@code $?} and
 *     {@code ${?}} are the last status. A {@code $} followed by anything else is literal:
 *     {@code $}, {@code $5}, {@code $$}, {@code a$}, {@code "$"}. <code>${</code> without a
 *     <code>}</code> or with anything but a name inside ({@code ${1}}, {@code ${}},
 *     {@code ${a b}}) is a syntax error. <code>${</code> looks for the first
 *     <code>}</code> on the line, even past a closing double quote.
 * <li>Words are fixed by the text of the line, never by values: an expansion is never split,
 *     never globbed, and an expansion that yields nothing still leaves its word, so
 *     {@code echo $UNSET x} has three words, the middle one empty. (sh would drop it; keeping
 *     it means a line's argv count never depends on the session's environment.)
 * <li>{@code ~} alone or before an unquoted {@code /}, unquoted at the start of a word, is
 *     {@link ParseContext#home()}; {@code ~user}, {@code a~}, {@code "~"} and {@code \~} stay
 *     literal, and so does {@code ~} when the home is null.
 * <li>A word with an unquoted, unescaped {@code *}, {@code ?} or {@code [...]} is a glob
 *     (see {@code Globber} and {@code GlobPattern}); a {@code [} without its {@code ]} is an
 *     ordinary character and alone never makes a word a glob. Relative words match against
 *     {@link ParseContext#workingDirectory()} and stay relative ({@code sub/*.c} gives
 *     {@code sub/x.c}); a name starting with {@code .} matches only a part starting with
 *     {@code .}; a trailing {@code /} matches directories only; matches are sorted by
 *     {@link String#compareTo}; no match leaves the word as typed, quotes removed. Globs on
 *     one line may produce at most 10,000 words, read at most 100,000 directory entries and
 *     spend at most 50,000,000 matching steps ({@code GlobBudget}); going over is a
 *     {@link ParseResult.SyntaxError} naming the limit, never a silently truncated argv.
 * <li>An unquoted {@code #} that begins a word starts a comment; {@code a#b} is literal.
 * <li>An unquoted {@code |}, {@code ;}, {@code <} or {@code >} anywhere, and {@code &&}, is a
 *     syntax error pointing to {@code sh -c '...'}. An unquoted {@code &} is allowed only as
 *     the whole last word (blanks and a comment may follow), which sets
 *     {@link ParseResult.Command#background()}; anywhere else ({@code a & b}, {@code a&},
 *     {@code a&b}) it is a syntax error, and so is a line that is only {@code &}.
 * <li>Unterminated quotes, and a backslash that ends the line (a protocol line has no
 *     continuation), are syntax errors. So is a NUL character anywhere in the line: no OS
 *     argument or path can hold one.
 * <li>Errors are reported for the first problem from the left, in one line; the lexer only
 *     reads, so no file system work is done for a line that turns out to be invalid.
 * </ul>
 *
 * <p>Cost: one pass over the line; a line with no character that needs attention (only
 * words and blanks) takes a fast path that just splits it.
 *
 * <p>Thread safety: stateless; every call uses its own objects.
 */
public final class CommandLineParser {

    private static final ParseResult EMPTY = new ParseResult.Empty();

    private CommandLineParser() {
    }

    /**
     * Parses {@code line} (without its LF). A null or blank line is {@link ParseResult.Empty}.
     * Exceptions thrown by {@code context} itself propagate; none come from the line.
     */
    public static ParseResult parse(String line, ParseContext context) {
        Objects.requireNonNull(context, "context");
        if (line == null) {
            return EMPTY;
        }
        if (isPlain(line)) {
            return splitPlain(line);
        }
        Lexer lexer = new Lexer(line, context);
        try {
            lexer.run();
            List<Lexer.Word> lexed = lexer.words();
            if (lexed.isEmpty()) {
                return EMPTY;
            }
            List<String> words = new ArrayList<>(lexed.size());
            Globber globber = null;
            for (Lexer.Word word : lexed) {
                if (word.active() == null) {
                    words.add(word.text());
                    continue;
                }
                if (globber == null) {
                    globber = new Globber(context.workingDirectory(), new GlobBudget(), context::mayList);
                }
                globber.expand(word.text(), word.active(), words);
            }
            return new ParseResult.Command(words, lexer.background());
        } catch (SyntaxFailure e) {
            return new ParseResult.SyntaxError(e.getMessage());
        }
    }

    private static boolean isPlain(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            if (!Chars.isPlain(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static ParseResult splitPlain(String line) {
        List<String> words = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && Chars.isBlank(line.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !Chars.isBlank(line.charAt(i))) {
                i++;
            }
            words.add(line.substring(start, i));
        }
        return words.isEmpty() ? EMPTY : new ParseResult.Command(words, false);
    }
}
