package dev.rshell.client;

/** Asks the user for a password without echo. */
@FunctionalInterface
public interface PasswordPrompt {

    /**
     * @param prompt the text to show, e.g. {@code alice@lab-01's password: }
     * @return what was typed, or {@code null} when no terminal can be opened (or at end of input)
     */
    char[] readPassword(String prompt);
}
