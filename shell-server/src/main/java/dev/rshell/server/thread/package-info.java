/**
 * The server's threads: {@link dev.rshell.server.thread.ServerThreads} makes every executor and
 * thread the server uses, platform or virtual as the {@code threads} setting says, writes down
 * which may block on what, and shuts them down.
 */
package dev.rshell.server.thread;
