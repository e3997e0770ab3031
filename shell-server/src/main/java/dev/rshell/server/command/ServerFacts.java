package dev.rshell.server.command;

import java.time.Instant;

/**
 * Read-only facts about the running server that some built-ins report.
 *
 * @param hostName  the host name the server announces in {@code hello}
 * @param startedAt when the server started
 */
public record ServerFacts(String hostName, Instant startedAt) {
}
