package dev.rshell.client.interactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.CompletionMatcher;
import org.jline.reader.LineReader;

/**
 * Accepts every candidate the server offered: the server already chose them for exactly this
 * line, and its quoting may differ from the typed word's ({@code my\ f} is answered with
 * {@code 'my file'}), which JLine's prefix and typo matchers would wrongly throw away. The
 * common prefix is that of the candidates' raw text.
 *
 * <p>Thread safety: used by the input thread only, one completion at a time.
 */
final class ServerMatcher implements CompletionMatcher {

    private List<Candidate> matched = List.of();
    private String word = "";

    @Override
    public void compile(Map<LineReader.Option, Boolean> options, boolean prefix, CompletingParsedLine line,
                        boolean caseInsensitive, int errors, String originalGroupName) {
        word = line.word();
    }

    @Override
    public List<Candidate> matches(List<Candidate> candidates) {
        matched = List.copyOf(candidates);
        // JLine sorts and merges the list it gets back: hand it a mutable copy.
        return new ArrayList<>(candidates);
    }

    @Override
    public Candidate exactMatch() {
        for (Candidate c : matched) {
            if (c.complete() && c.value().equals(word)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String getCommonPrefix() {
        if (matched.isEmpty()) {
            return "";
        }
        String common = matched.get(0).value();
        for (Candidate c : matched) {
            int n = 0;
            String v = c.value();
            while (n < common.length() && n < v.length() && common.charAt(n) == v.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common;
    }
}
