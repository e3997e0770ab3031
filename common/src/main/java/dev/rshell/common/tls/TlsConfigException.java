package dev.rshell.common.tls;

/**
 * A TLS file or setting the user supplied is unusable: a missing or unreadable keystore, a wrong
 * password, a keystore without a key, a private key file others may read.
 *
 * <p>The message is one line that names the file and what is wrong, so the server or client can
 * print it as it is and exit, without a stack trace: these are user mistakes, not bugs. It is
 * checked so that every caller that loads key material decides where that line is printed.
 */
public final class TlsConfigException extends Exception {

    /** @param message one line: the file, then what is wrong with it */
    public TlsConfigException(String message) {
        super(message);
    }

    /**
     * @param message one line: the file, then what is wrong with it
     * @param cause   the low-level failure, kept for debugging, never shown to the user
     */
    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
