package dev.rshell.config.role;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Comma-separated lists as role values write them. */
final class Lists {

    private Lists() {
    }

    /**
     * The entries of {@code text} split at commas, each stripped of blanks.
     *
     * @return empty when there is no entry or an entry is empty ({@code "a,,b"}, {@code "a,"})
     */
    static Optional<List<String>> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            parts.add(p);
        }
        return Optional.of(List.copyOf(parts));
    }
}
