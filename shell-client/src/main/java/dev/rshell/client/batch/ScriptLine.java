package dev.rshell.client.batch;

/**
 * One command line to send: it has words and does not start with {@code :}, so the server
 * will give it the next number.
 *
 * @param text  the line without LF (and without the CR that came before it, if any)
 * @param where where it came from, for messages: {@code deploy.rsh:3}, {@code <stdin>:2},
 *              {@code -c #1}, {@code arguments}
 */
public record ScriptLine(String text, String where) {
}
