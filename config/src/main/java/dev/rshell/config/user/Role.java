package dev.rshell.config.user;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's role, by name. The built-in roles are {@link #ADMIN}, {@link #OPERATOR} and
 * {@link #VIEWER}; a role is a validated name rather than an enum so that configured roles
 * can be added in the properties file without changing the users file or this type. What a
 * role may do is its {@code dev.rshell.config.role.RoleDefinition} (see
 * {@code ServerSettings.roles()}), enforced by the server.
 *
 * @param name lower-case name: a letter, then up to 31 of {@code a-z 0-9 _ -}
 */
public record Role(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** The rule for a role name, in words, completing "is not allowed: …". */
    public static final String NAME_RULE = "a lower-case letter, then up to 31 of a-z, 0-9, _ and -";

    /** Everything, including managing users. */
    public static final Role ADMIN = new Role("admin");
    /** Runs commands. */
    public static final Role OPERATOR = new Role("operator");
    /** Looks, does not change. */
    public static final Role VIEWER = new Role("viewer");

    /** The built-in roles, most privileged first. */
    public static final List<Role> BUILT_IN = List.of(ADMIN, OPERATOR, VIEWER);

    /** @throws IllegalArgumentException when {@code name} is not a valid role name */
    public Role {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("role name \"" + name + "\" is not allowed: " + NAME_RULE);
        }
    }

    /** Whether {@code name} is a valid role name ({@link #NAME_RULE}). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The role called {@code name}; same as the constructor, reads better at call sites. */
    public static Role of(String name) {
        return new Role(name);
    }

    /** Whether this is one of {@link #BUILT_IN}. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
