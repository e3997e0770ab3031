package dev.rshell.config.user;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.Settings;
import java.util.Optional;

/**
 * What a new password must be, the same for every way one is set: the {@code passwd} built-in,
 * {@code rshell-server user add} and {@code rshell-server user passwd}. At least
 * {@code password-min-length} characters (code points), and no control characters. The
 * generated first admin password (20 characters) is not checked.
 *
 * <p>The check reads the chars in place and never quotes them, so no unwipeable String of the
 * password is made and no message repeats it.
 *
 * <p>Thread safety: immutable.
 *
 * @param minLength fewest code points; at least 1
 */
public record PasswordPolicy(int minLength) {

    /** The policy with the setting's default. */
    public static final PasswordPolicy DEFAULT = new PasswordPolicy(
            Integer.parseInt(Settings.PASSWORD_MIN_LENGTH.defaultText()));

    public PasswordPolicy {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1: " + minLength);
        }
    }

    /** The policy of a server with these settings. */
    public static PasswordPolicy forSettings(ServerSettings settings) {
        return new PasswordPolicy(settings.passwordMinLength());
    }

    /**
     * What is wrong with {@code password}, completing "the new password …": for example
     * {@code must have at least 8 characters (password-min-length)}; empty when it is fine.
     */
    public Optional<String> weakness(char[] password) {
        int codePoints = 0;
        for (int i = 0; i < password.length; codePoints++) {
            int c = Character.codePointAt(password, i);
            if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters");
            }
            i += Character.charCount(c);
        }
        if (codePoints < minLength) {
            return Optional.of("must have at least " + minLength + " characters ("
                    + Settings.PASSWORD_MIN_LENGTH.name() + ")");
        }
        return Optional.empty();
    }
}
