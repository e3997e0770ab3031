package dev.rshell.common.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One pass over a command line: splits words, removes quotes, applies escapes, expands
 * {@code $NAME}, {@code ${NAME}}, {@code $?} and {@code ~}, drops a trailing comment, takes a
 * last {@code &} as "background" and rejects operators. Globbing is left to {@link Globber},
 * after the whole line is known to be valid, so a syntax error late in the line never costs a
 * directory scan.
 *
 * <p>Each word remembers where its active glob characters are: only characters typed unquoted
 * and unescaped on the line are pattern syntax; text that came from quotes, escapes or an
 * expansion is matched literally. Only positions of glob-relevant characters are recorded, and
 * only in words that have one, so ordinary words cost nothing extra.
 *
 * <p>One instance per line; not thread safe (it is never shared).
 */
final class Lexer {

    static final String OPERATORS = "syntax error: pipes, redirections and command lists"
            + " (| ; < > && ||) are not supported; run them through sh -c '...'";
    static final String AMPERSAND =
            "syntax error: & is only allowed as the last word, to run a command in the background";
    static final String AMPERSAND_ALONE = "syntax error: & needs a command before it";
    static final String SINGLE_QUOTE = "syntax error: unterminated single quote";
    static final String DOUBLE_QUOTE = "syntax error: unterminated double quote";
    static final String BACKSLASH = "syntax error: line ends with a backslash";
    static final String BRACE = "syntax error: unterminated ${ (no closing })";
    static final String BAD_NAME = "syntax error: bad variable name in ${...}"
            + " (letters, digits and _, not starting with a digit)";
    static final String NUL = "syntax error: the line contains a NUL character";
    static final String SUBSTITUTION = "syntax error: command substitution $(...) is not supported;"
            + " run it through sh -c '...', or quote it ('$(...)') to pass it as text";
    static final String BACKTICKS = "syntax error: command substitution `...` is not supported;"
            + " run it through sh -c '...', or quote it ('`...`') to pass it as text";
    static final String BRACE_LIST = "syntax error: brace expansion {a,b} and {1..3} is not"
            + " supported; write the words out, or quote the braces ('{a,b}') to pass them as text";

    /**
     * A word as the lexer leaves it.
     *
     * @param text the word with quotes removed and expansions done
     * @param active which characters of {@code text} are glob syntax; null when none can be
     */
    record Word(String text, boolean[] active) {
    }

    private final String line;
    private final int length;
    private final ParseContext context;
    private final List<Word> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private int pos;
    private boolean background;

    /** Positions in {@link #word} of active glob characters; reused across words. */
    private int[] activeAt = new int[8];
    private int activeCount;
    /** The word has an active {@code *}, {@code ?} or {@code [}: it may be a glob. */
    private boolean globCandidate;
    /** The word has an active {@code [}: from here on {@code ] ! ^ -} can be syntax too. */
    private boolean openBracket;
    /** The word's unquoted braces were already looked at. */
    private boolean bracesChecked;

    Lexer(String line, ParseContext context) {
        this.line = line;
        this.length = line.length();
        this.context = context;
    }

    List<Word> words() {
        return words;
    }

    boolean background() {
        return background;
    }

    void run() throws SyntaxFailure {
        // No OS argument or path can hold NUL; saying so here beats a failure deep in exec.
        if (line.indexOf('\0') >= 0) {
            throw new SyntaxFailure(NUL);
        }
        while (true) {
            skipBlanks();
            if (pos >= length) {
                return;
            }
            char c = line.charAt(pos);
            if (c == '#') {
                return;
            }
            if (c == '&') {
                ampersandWord();
                return;
            }
            readWord();
        }
    }

    private void skipBlanks() {
        while (pos < length && Chars.isBlank(line.charAt(pos))) {
            pos++;
        }
    }

    /** An unquoted {@code &} where a word starts: fine only as the whole last word. */
    private void ampersandWord() throws SyntaxFailure {
        int next = pos + 1;
        if (next < length && !Chars.isBlank(line.charAt(next))) {
            throw ampersandError(next);
        }
        pos = next;
        skipBlanks();
        if (pos < length && line.charAt(pos) != '#') {
            throw new SyntaxFailure(AMPERSAND);
        }
        if (words.isEmpty()) {
            throw new SyntaxFailure(AMPERSAND_ALONE);
        }
        background = true;
    }

    /** {@code &} glued to what follows: {@code &&}, {@code &>} and friends are operators. */
    private SyntaxFailure ampersandError(int next) {
        boolean operator = next < length && Chars.isOperator(line.charAt(next));
        return new SyntaxFailure(operator ? OPERATORS : AMPERSAND);
    }

    private void readWord() throws SyntaxFailure {
        word.setLength(0);
        activeCount = 0;
        globCandidate = false;
        openBracket = false;
        bracesChecked = false;
        if (line.charAt(pos) == '~') {
            tilde();
        }
        while (pos < length) {
            char c = line.charAt(pos);
            switch (c) {
                case ' ', '\t' -> {
                    finishWord();
                    return;
                }
                case '\'' -> singleQuoted();
                case '"' -> doubleQuoted();
                case '\\' -> escaped();
                case '$' -> dollar();
                case '|', ';', '<', '>' -> throw new SyntaxFailure(OPERATORS);
                case '&' -> throw ampersandError(pos + 1);
                case '`' -> throw new SyntaxFailure(BACKTICKS);
                case '{' -> openBrace();
                case '*', '?' -> {
                    globCandidate = true;
                    activeChar(c);
                }
                case '[' -> {
                    globCandidate = true;
                    openBracket = true;
                    activeChar(c);
                }
                case ']', '!', '^', '-' -> {
                    if (openBracket) {
                        activeChar(c);
                    } else {
                        word.append(c);
                        pos++;
                    }
                }
                default -> {
                    word.append(c);
                    pos++;
                }
            }
        }
        finishWord();
    }

    private void finishWord() {
        boolean[] active = null;
        if (globCandidate) {
            active = new boolean[word.length()];
            for (int i = 0; i < activeCount; i++) {
                active[activeAt[i]] = true;
            }
        }
        words.add(new Word(word.toString(), active));
    }

    private void activeChar(char c) {
        if (activeCount == activeAt.length) {
            activeAt = Arrays.copyOf(activeAt, activeCount * 2);
        }
        activeAt[activeCount++] = word.length();
        word.append(c);
        pos++;
    }

    /** {@code ~} alone or before an unquoted {@code /}; {@code ~user} is unsupported: it stays. */
    private void tilde() {
        int next = pos + 1;
        if (next < length && !Chars.isBlank(line.charAt(next)) && line.charAt(next) != '/') {
            return;
        }
        Path home = context.home();
        if (home != null) {
            word.append(home);
            pos = next;
        }
    }

    /**
     * An unquoted {@code {}: the line is refused when this word holds what bash would expand, a
     * list with a comma ({@code {a,b}}, {@code x{,.bak}}) or a sequence ({@code {1..3}},
     * {@code {a..e}}); otherwise ({@code {}, {@code {}}, {@code {a}}, {@code {x}, as
     * {@code find -exec} uses them) it is an ordinary character. The word is scanned once, at
     * its first such brace, so a line of many braces still costs one pass.
     */
    private void openBrace() throws SyntaxFailure {
        if (!bracesChecked) {
            bracesChecked = true;
            if (BraceLists.foundInWord(line, pos)) {
                throw new SyntaxFailure(BRACE_LIST);
            }
        }
        word.append('{');
        pos++;
    }

    private void singleQuoted() throws SyntaxFailure {
        int close = line.indexOf('\'', pos + 1);
        if (close < 0) {
            throw new SyntaxFailure(SINGLE_QUOTE);
        }
        word.append(line, pos + 1, close);
        pos = close + 1;
    }

    private void doubleQuoted() throws SyntaxFailure {
        pos++;
        while (pos < length) {
            char c = line.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '$') {
                dollar();
                continue;
            }
            if (c == '`') {
                // sh runs a command here even inside double quotes; passing it on as text
                // would silently mean something else.
                throw new SyntaxFailure(BACKTICKS);
            }
            if (c == '\\' && pos + 1 < length) {
                char next = line.charAt(pos + 1);
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    pos += 2;
                    continue;
                }
            }
            // Any other backslash is kept, as in sh: "C:\dir" survives double quotes.
            word.append(c);
            pos++;
        }
        throw new SyntaxFailure(DOUBLE_QUOTE);
    }

    private void escaped() throws SyntaxFailure {
        if (pos + 1 >= length) {
            // There is no next line to continue onto: a protocol line is complete.
            throw new SyntaxFailure(BACKSLASH);
        }
        word.append(line.charAt(pos + 1));
        pos += 2;
    }

    /** At a {@code $}, inside or outside double quotes: the rules are the same. */
    private void dollar() throws SyntaxFailure {
        int next = pos + 1;
        char c = next < length ? line.charAt(next) : ' ';
        if (c == '{') {
            braced();
        } else if (c == '(') {
            throw new SyntaxFailure(SUBSTITUTION); // $(...) and $((...)) alike
        } else if (c == '?') {
            word.append(context.lastStatus());
            pos = next + 1;
        } else if (Chars.isNameStart(c)) {
            int end = next + 1;
            while (end < length && Chars.isNamePart(line.charAt(end))) {
                end++;
            }
            appendVariable(line.substring(next, end));
            pos = end;
        } else {
            // "$", "$5", "$$", "a$": nothing to expand, so the $ is just a character.
            word.append('$');
            pos = next;
        }
    }

    private void braced() throws SyntaxFailure {
        int start = pos + 2;
        int close = line.indexOf('}', start);
        if (close < 0) {
            throw new SyntaxFailure(BRACE);
        }
        if (close == start + 1 && line.charAt(start) == '?') {
            word.append(context.lastStatus());
        } else if (isName(start, close)) {
            appendVariable(line.substring(start, close));
        } else {
            throw new SyntaxFailure(BAD_NAME);
        }
        pos = close + 1;
    }

    private boolean isName(int start, int end) {
        if (start >= end || !Chars.isNameStart(line.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            if (!Chars.isNamePart(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void appendVariable(String name) {
        String value = context.variable(name);
        if (value != null) {
            word.append(value);
        }
    }
}
