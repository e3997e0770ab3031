package dev.rshell.client;

/**
 * Asks the user a question on the terminal and reads the answer with echo: the first-contact
 * question "Accept and remember this server? (yes/no)".
 */
@FunctionalInterface
public interface LinePrompt {

    /**
     * @param prompt the text to show (may span several lines; the last is the question)
     * @return the line typed, without its line break, or {@code null} when no terminal can be
     *         opened (or at end of input)
     */
    String readLine(String prompt);
}
