package dev.rshell.client.fanout;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;

/**
 * The hook for standard input to many hosts: how one host's commands are sent, and where the
 * server lines about input go. Not implemented here; {@link #NONE} sends plain command lines,
 * whose standard input is empty (protocol version 1).
 *
 * <p>A forwarding implementation (issue 12: "standard input ... is read once and sent to every
 * host") would ask for the {@code input} feature, send {@code :stdin LINE} for the command that
 * takes the input, feed it {@code :in}/{@code :eof} within the windows its {@code more} lines
 * grant, and let the slowest host bound memory. One instance serves one host
 * ({@link FanoutRunner} asks its factory once a host).
 *
 * <p>Thread safety: {@link #send} is called on the host's worker thread, {@link #onLine} on
 * the host's connection reader thread; an implementation that shares state between them guards it.
 */
public interface HostInput {

    /** Plain command lines: the commands' standard input is empty. */
    HostInput NONE = (session, number, line) -> session.send(new ClientLine.CommandText(line));

    /**
     * Sends {@code line} as the host's command {@code number} (buffered: the runner flushes).
     */
    void send(ClientSession session, long number, String line) throws IOException;

    /** A server line the fan-out does not use itself ({@code more}, {@code part}, {@code ok}, {@code no}). */
    default void onLine(ServerLine line) {
    }
}
