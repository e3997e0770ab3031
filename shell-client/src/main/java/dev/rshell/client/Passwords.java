package dev.rshell.client;

import dev.rshell.client.connect.PasswordSource;
import dev.rshell.client.connect.SessionFailure;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the login password comes from, first match wins: {@code --password-file FILE} (its
 * first line, without the line break), the environment variable {@value #ENV} (even when
 * empty: setting it is explicit), a prompt without echo when a terminal can be opened, else a
 * failure saying how to give one. A typed password that the server refused is asked again
 * ({@link #retry}), as ssh does, while the server allows more tries. No message ever contains
 * the password.
 */
final class Passwords implements PasswordSource {

    /** The environment variable holding the password. */
    static final String ENV = "RSHELL_PASSWORD";

    private final Path file;
    private final Map<String, String> env;
    private final PasswordPrompt prompt;
    private final String promptText;

    /**
     * @param file       {@code --password-file}, or null
     * @param promptText shown by the prompt, e.g. {@code alice@lab-01's password: }
     */
    Passwords(Path file, Map<String, String> env, PasswordPrompt prompt, String promptText) {
        this.file = file;
        this.env = env;
        this.prompt = prompt;
        this.promptText = promptText;
    }

    @Override
    public String password() throws SessionFailure {
        if (file != null) {
            return firstLine(file);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return fromEnv;
        }
        String typed = ask(promptText);
        if (typed != null) {
            return typed;
        }
        throw new SessionFailure(SessionFailure.Kind.LOGIN, "no password: use --password-file or " + ENV);
    }

    /** Asks again only when the password was typed: a file or the variable would fail alike. */
    @Override
    public String retry(String reason) {
        if (file != null || env.get(ENV) != null) {
            return null;
        }
        return ask(reason + "\n" + promptText);
    }

    private String ask(String text) {
        char[] typed = prompt.readPassword(text);
        if (typed == null) {
            return null;
        }
        String password = new String(typed);
        Arrays.fill(typed, '\0');
        return password;
    }

    private static String firstLine(Path file) throws SessionFailure {
        try {
            return SecretFile.firstLine(file, "--password-file");
        } catch (SecretFile.Unreadable e) {
            throw new SessionFailure(SessionFailure.Kind.LOGIN, e.getMessage());
        }
    }
}
