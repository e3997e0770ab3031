package dev.rshell.client.fanout;

import dev.rshell.config.source.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups file, {@code ~/.rshell/groups}: named host sets for {@code @GROUP}.
 *
 * <h2>Format</h2>
 * UTF-8 text, one group a line: {@code GROUP: MEMBERS}, where MEMBERS are host sets separated
 * by blanks or commas: host names, ranges ({@code web[01-20]}), {@code USER@}, {@code :PORT},
 * and other groups ({@code @db}). A {@code #} starts a comment to the end of the line; blank
 * lines are skipped. A group name is a letter or digit followed by letters, digits, {@code _},
 * {@code .} or {@code -}. Example:
 * <pre>
 * # lab machines
 * web: web[01-20]
 * db:  db[1-3] db7:7023
 * lab: @web, @db, ops@gw1
 * </pre>
 *
 * <p>Errors name the file and line. A line without {@code :}, a bad group name or a group
 * defined twice refuses the whole file; the file is read only when a host set first names a
 * group, so a broken file never stands in the way of plain host names. What a group refers to
 * (unknown groups, cycles, empty groups) is checked when it is expanded ({@link HostSetParser}).
 *
 * <p>Thread safety: immutable once read.
 */
public final class GroupsFile {

    /** One group as written. */
    public record Group(String name, int line, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    private final Path file;
    private final boolean exists;
    private final Map<String, Group> groups;

    private GroupsFile(Path file, boolean exists, Map<String, Group> groups) {
        this.file = file;
        this.exists = exists;
        this.groups = groups;
    }

    /** No groups at all, from no file (for callers without a groups file). */
    public static GroupsFile none(Path file) {
        return new GroupsFile(file, false, Map.of());
    }

    /**
     * Reads {@code file}; a missing file has no groups.
     *
     * @throws HostSetException for a file that can't be read or a malformed line
     */
    public static GroupsFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return none(file);
        } catch (IOException e) {
            throw new HostSetException("can't read the groups file " + file + ": " + reason(e));
        }
        return parse(file, text);
    }

    /** Parses the text of {@code file}. */
    static GroupsFile parse(Path file, String text) {
        Map<String, Group> groups = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = stripComment(lines[n - 1]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new HostSetException(file + ":" + n + ": expected GROUP: MEMBERS, got " + Text.quote(line));
            }
            String name = line.substring(0, colon).strip();
            if (!validName(name)) {
                throw new HostSetException(file + ":" + n + ": bad group name " + Text.quote(name)
                        + " (letters, digits, _ . -)");
            }
            Group before = groups.get(name);
            if (before != null) {
                throw new HostSetException(file + ":" + n + ": group " + name + " defined again (first on line "
                        + before.line() + ")");
            }
            groups.put(name, new Group(name, n, members(line.substring(colon + 1))));
        }
        return new GroupsFile(file, true, groups);
    }

    /** The group named {@code name}, if the file defines it. */
    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The file, for messages. */
    public Path file() {
        return file;
    }

    /** Whether the file existed when read. */
    public boolean exists() {
        return exists;
    }

    /** The names of the groups, in the file's order. */
    public List<String> names() {
        return List.copyOf(groups.keySet());
    }

    /** Whether {@code name} may name a group. */
    static boolean validName(String name) {
        if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c)) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        String kept = hash < 0 ? line : line.substring(0, hash);
        return kept.endsWith("\r") ? kept.substring(0, kept.length() - 1) : kept;
    }

    /** Members separated by blanks or commas outside brackets. */
    static List<String> members(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && (c == ',' || c == ' ' || c == '\t')) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage().replace('\n', ' ');
    }
}
