/**
 * Threads for code built for Java 17 that may run on a newer Java:
 * {@link dev.rshell.common.thread.VirtualThreads} finds virtual threads where the running Java
 * has them. Which threads a program starts, and when, is written down where it starts them
 * ({@code ServerThreads} in the server, the bench's idle sessions in the client).
 */
package dev.rshell.common.thread;
