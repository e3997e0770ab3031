package dev.rshell.config.role;

import dev.rshell.config.user.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the users of one role may do: which built-ins they may run, which OS programs, and
 * below which paths file built-ins may read.
 *
 * <p>Read paths are kept as written, {@code ~} included, because {@code ~} is each user's
 * own home: {@link #readPaths(Path)} resolves them for one user. Whatever a role's read
 * paths say, the server still fences its data directory and config file from non-admin
 * roles; this record does not know those paths.
 *
 * <p>Thread safety: immutable.
 *
 * @param name      the role's name ({@link Role#isValidName})
 * @param builtins  the built-ins it may run
 * @param exec      the OS programs it may run
 * @param readPaths absolute normalized paths, {@code ~} or {@code ~/…}, no duplicates;
 *                  empty when file built-ins may read nothing; unmodifiable
 */
public record RoleDefinition(String name, BuiltinRule builtins, ExecPolicy exec, List<String> readPaths) {

    /** What {@link #parseReadPaths} accepts, completing "is not allowed: …". */
    public static final String READ_ALLOWED = "absolute paths separated by commas (~ or ~/… for the"
            + " user's home), or none";

    /** @throws IllegalArgumentException for an invalid name or read path */
    public RoleDefinition {
        if (!Role.isValidName(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("role name \"" + name + "\" is not allowed: " + Role.NAME_RULE);
        }
        Objects.requireNonNull(builtins, "builtins");
        Objects.requireNonNull(exec, "exec");
        for (String p : readPaths) {
            if (!isReadPath(p)) {
                throw new IllegalArgumentException("read path \"" + p + "\" is not allowed: " + READ_ALLOWED);
            }
        }
        if (new LinkedHashSet<>(readPaths).size() != readPaths.size()) {
            throw new IllegalArgumentException("read paths repeat an entry: " + readPaths);
        }
        readPaths = List.copyOf(readPaths);
    }

    /** This definition's role. */
    public Role role() {
        return Role.of(name);
    }

    /** The same definition under another name (a new role starts as a copy of viewer's). */
    public RoleDefinition withName(String newName) {
        return new RoleDefinition(newName, builtins, exec, readPaths);
    }

    /** With other built-ins. */
    public RoleDefinition withBuiltins(BuiltinRule rule) {
        return new RoleDefinition(name, rule, exec, readPaths);
    }

    /** With another OS-program policy. */
    public RoleDefinition withExec(ExecPolicy policy) {
        return new RoleDefinition(name, builtins, policy, readPaths);
    }

    /** With other read paths. */
    public RoleDefinition withReadPaths(List<String> paths) {
        return new RoleDefinition(name, builtins, exec, paths);
    }

    /**
     * The read paths of a user whose home is {@code home}: {@code ~} becomes {@code home}.
     *
     * @param home the user's home directory; absolute
     */
    public List<Path> readPaths(Path home) {
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home must be absolute: " + home);
        }
        List<Path> paths = new ArrayList<>();
        for (String p : readPaths) {
            paths.add(p.equals("~") ? home.normalize()
                    : p.startsWith("~/") ? home.resolve(p.substring(2)).normalize() : Path.of(p));
        }
        return List.copyOf(paths);
    }

    /**
     * Reads {@code role.NAME.read} as written: comma-separated absolute paths, {@code ~} or
     * {@code ~/…}, or {@code none} for nothing. Paths are normalized ({@code /a/../b} is
     * {@code /b}); a path given twice counts once.
     *
     * @return the paths; empty when {@code text} is not allowed ({@link #READ_ALLOWED})
     */
    public static Optional<List<String>> parseReadPaths(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("none")) {
            return Optional.of(List.of());
        }
        Optional<List<String>> parts = Lists.split(t);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        LinkedHashSet<String> paths = new LinkedHashSet<>();
        for (String p : parts.get()) {
            Optional<String> normal = normalize(p);
            if (normal.isEmpty()) {
                return Optional.empty();
            }
            paths.add(normal.get());
        }
        return Optional.of(List.copyOf(paths));
    }

    private static boolean isReadPath(String p) {
        return normalize(p).filter(p::equals).isPresent();
    }

    /** {@code p} normalized, or empty when it is not {@code ~}, {@code ~/…} or absolute. */
    private static Optional<String> normalize(String p) {
        if (p.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        if (p.equals("~")) {
            return Optional.of(p);
        }
        try {
            if (p.startsWith("~/")) {
                Path rest = Path.of(p.substring(2)).normalize();
                if (rest.isAbsolute() || rest.startsWith("..")) {
                    return Optional.empty(); // ~/../x would leave the home
                }
                return Optional.of(rest.toString().isEmpty() ? "~" : "~/" + rest);
            }
            Path path = Path.of(p);
            return path.isAbsolute() ? Optional.of(path.normalize().toString()) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
