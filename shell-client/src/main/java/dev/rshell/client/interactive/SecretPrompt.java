package dev.rshell.client.interactive;

/**
 * Whether a running command's prompt ({@code part} text) asks for a password, so that the answer
 * is typed without echo.
 *
 * <p>The rule: the prompt names a password or a passphrase ({@code password}, {@code passphrase}
 * or {@code pass phrase} as a word, any case) and ends with a colon, then optional blanks. That
 * takes what {@code passwd} prints ({@code Current password: }, {@code New password: }), what
 * {@code sudo -S} prints ({@code [sudo] password for alice: }, where the colon comes after the
 * user name), {@code su}'s {@code Password: }, {@code ssh}'s
 * {@code Enter passphrase for key '/home/alice/.ssh/id_ed25519': } and OpenSSL's
 * {@code Enter PEM pass phrase:}. A question that merely mentions a password without asking for
 * one ({@code Change the password now? }) does not end with a colon and is echoed as usual.
 *
 * <p>Thread safety: stateless.
 */
final class SecretPrompt {

    private static final String[] WORDS = {"password", "passphrase", "pass phrase"};

    private SecretPrompt() {
    }

    /** True when {@code prompt} (what the command printed with no newline yet) asks for a secret. */
    static boolean asks(String prompt) {
        int end = prompt.length();
        while (end > 0 && (prompt.charAt(end - 1) == ' ' || prompt.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || prompt.charAt(end - 1) != ':') {
            return false;
        }
        // Case is ignored character by character (regionMatches), with no locale: no dotless-i surprises.
        String text = prompt.substring(0, end - 1);
        for (String word : WORDS) {
            for (int at = indexIgnoringCase(text, word, 0); at >= 0; at = indexIgnoringCase(text, word, at + 1)) {
                if (!wordChar(text, at - 1) && !wordChar(text, at + word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexIgnoringCase(String text, String word, int from) {
        for (int i = from; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the character at {@code i} (if any) is a letter or digit, so no word boundary is there. */
    private static boolean wordChar(String text, int i) {
        return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
    }
}
