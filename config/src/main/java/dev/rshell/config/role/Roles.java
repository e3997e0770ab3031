package dev.rshell.config.role;

import dev.rshell.config.source.Origin;
import dev.rshell.config.source.RawValue;
import dev.rshell.config.source.Text;
import dev.rshell.config.user.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in role definitions, and reading {@code role.NAME.KEY} lines of a properties file.
 *
 * <h2>Keys</h2>
 * <pre>
 * role.NAME.builtins = all | none | NAME[,NAME...] | all-except:NAME[,NAME...]
 * role.NAME.exec     = off | any | allow:PROG[,PROG...]
 * role.NAME.read     = PATH[,PATH...] | none
 * </pre>
 * See {@link BuiltinRule#parse}, {@link ExecPolicy#parse} and
 * {@link RoleDefinition#parseReadPaths}. Roles come only from the properties file: they have
 * no environment variables or flags, since a policy belongs in one reviewed file.
 *
 * <h2>Missing keys</h2>
 * A key a role's lines leave out keeps its value from the built-in definition of that name
 * ({@code admin}, {@code operator}, {@code viewer}); a new role takes it from
 * {@code viewer}, the least privileged, so forgetting a key never grants more. The three
 * built-in roles always exist, redefined or not.
 */
public final class Roles {

    /** Every role key starts with this. */
    public static final String KEY_PREFIX = "role.";
    /** The keys of one role, as in {@code role.NAME.KEY}. */
    public static final List<String> KEYS = List.of("builtins", "exec", "read");

    /** Built-ins {@code operator} may not run: managing other sessions and the server. */
    public static final List<String> OPERATOR_DENIED_BUILTINS = List.of("kick", "shutdown");

    /** Programs {@code operator} may run by default: ones that look rather than change. */
    // Only programs that neither read nor write files named by the user, start other programs,
    // nor show other processes' environments: any of those would walk around the read fence
    // (sort, uniq, wc and cat read files, and so do du --files0-from, date -f, ip -batch, ss -F,
    // who FILE and last -f; ps e shows environments; systemctl starts services).
    public static final List<String> OPERATOR_PROGRAMS = List.of("true", "false", "df", "free", "uname",
            "id", "ping");

    /** Built-ins {@code viewer} may run: the read-only ones. */
    public static final List<String> VIEWER_BUILTINS = List.of("help", "echo", "pwd", "cd", "env",
            "export", "unset", "whoami", "hostname", "date", "uptime", "sysinfo", "ls", "cat", "head",
            "tail", "exit", "passwd", "sleep", "who", "jobs", "wait", "kill", "stats");

    /** Everything: all built-ins, any program, read {@code /}. */
    public static final RoleDefinition ADMIN = new RoleDefinition(Role.ADMIN.name(), BuiltinRule.ALL,
            ExecPolicy.ANY, List.of("/"));
    /** All built-ins but {@link #OPERATOR_DENIED_BUILTINS}, {@link #OPERATOR_PROGRAMS}, read {@code /}. */
    public static final RoleDefinition OPERATOR = new RoleDefinition(Role.OPERATOR.name(),
            BuiltinRule.allExcept(OPERATOR_DENIED_BUILTINS), ExecPolicy.allow(OPERATOR_PROGRAMS), List.of("/"));
    /** {@link #VIEWER_BUILTINS}, no programs, read {@code /}. */
    public static final RoleDefinition VIEWER = new RoleDefinition(Role.VIEWER.name(),
            BuiltinRule.only(VIEWER_BUILTINS), ExecPolicy.OFF, List.of("/"));

    private Roles() {
    }

    /** The built-in definitions by name, sorted; unmodifiable. */
    public static SortedMap<String, RoleDefinition> defaults() {
        SortedMap<String, RoleDefinition> m = new TreeMap<>();
        for (RoleDefinition d : List.of(ADMIN, OPERATOR, VIEWER)) {
            m.put(d.name(), d);
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** Whether the setting name {@code name} is a role key (or a malformed attempt at one). */
    public static boolean isRoleKey(String name) {
        return name.startsWith(KEY_PREFIX);
    }

    /**
     * The roles after reading role keys, and the problems found.
     *
     * @param roles    every role: the built-ins, redefined or not, and new ones; sorted by
     *                 name, unmodifiable
     * @param problems one line each, naming the key's origin ({@code file F:LINE}); empty
     *                 when every key was fine
     */
    public record Result(SortedMap<String, RoleDefinition> roles, List<String> problems) {
        public Result {
            roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles));
            problems = List.copyOf(problems);
        }
    }

    /**
     * Applies the role keys among {@code values} (those for which {@link #isRoleKey} holds;
     * others are ignored) to the built-in definitions.
     */
    public static Result parse(List<RawValue> values) {
        List<String> problems = new ArrayList<>();
        SortedMap<String, RoleDefinition> roles = new TreeMap<>(defaults());
        for (RawValue v : values) {
            if (!isRoleKey(v.name())) {
                continue;
            }
            Origin o = v.origin();
            String[] parts = v.name().substring(KEY_PREFIX.length()).split("\\.", -1);
            if (parts.length != 2) {
                problems.add(o.describe() + ": " + Text.quote(v.name()) + " is not a role key: expected "
                        + "role.NAME.builtins, role.NAME.exec or role.NAME.read");
                continue;
            }
            String role = parts[0];
            String key = parts[1];
            if (!Role.isValidName(role)) {
                problems.add(o.describe() + ": " + Text.quote(v.name()) + ": role name " + Text.quote(role)
                        + " is not allowed: " + Role.NAME_RULE);
                continue;
            }
            if (!KEYS.contains(key)) {
                problems.add(o.describe() + ": " + Text.quote(v.name()) + " is not a role key: a role has "
                        + KEY_PREFIX + role + ".builtins, " + KEY_PREFIX + role + ".exec and "
                        + KEY_PREFIX + role + ".read");
                continue;
            }
            RoleDefinition current = roles.computeIfAbsent(role, VIEWER::withName);
            Optional<RoleDefinition> changed = switch (key) {
                case "builtins" -> apply(v, BuiltinRule::parse, BuiltinRule.ALLOWED, problems)
                        .map(current::withBuiltins);
                case "exec" -> apply(v, ExecPolicy::parse, ExecPolicy.ALLOWED, problems)
                        .map(current::withExec);
                default -> apply(v, RoleDefinition::parseReadPaths, RoleDefinition.READ_ALLOWED, problems)
                        .map(current::withReadPaths);
            };
            changed.ifPresent(d -> roles.put(role, d));
        }
        return new Result(roles, problems);
    }

    private static <T> Optional<T> apply(RawValue v, Function<String, Optional<T>> parser, String allowed,
                                         List<String> problems) {
        Optional<T> parsed = parser.apply(v.value());
        if (parsed.isEmpty()) {
            problems.add(v.name() + ": " + Text.quote(v.value()) + " from " + v.origin().describe()
                    + " is not allowed: " + allowed);
        }
        return parsed;
    }

    /** The roles of {@code definitions} as {@link Role}s, e.g. for a users file. */
    public static Set<Role> asRoles(Map<String, RoleDefinition> definitions) {
        return definitions.values().stream().map(RoleDefinition::role)
                .collect(Collectors.toUnmodifiableSet());
    }
}
