package dev.rshell.client.fanout;

/** One line of a host's gathered output, with the stream it came from. */
public record GatheredLine(HostStream stream, String text) {
}
