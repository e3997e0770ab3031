package dev.rshell.server.session;

/**
 * How one command's output goes on the wire, fixed when the command starts.
 *
 * @param bytes   byte-exact output ({@code bytes} granted): what is not a clean text line goes as
 *                {@code outb}/{@code errb}
 * @param partial live prompts: held text without an LF goes as {@code part} after a quiet spell
 *                ({@code partial} granted, and the command was started with input)
 */
record OutputFraming(boolean bytes, boolean partial) {

    /** Version 1: text lines only. */
    static final OutputFraming TEXT = new OutputFraming(false, false);
}
