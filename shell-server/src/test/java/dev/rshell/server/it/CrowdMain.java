package dev.rshell.server.it;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The crowd of {@link Crowd} against a server of one's choice, for measuring by hand how new
 * logins fare while it holds the pre-login places (docs/security.md, "max-startups"):
 * <pre>
 * java -cp shell-server/target/test-classes dev.rshell.server.it.CrowdMain \
 *     HOST PORT SILENT DRIPPING DRIP_MS RECONNECT_MS SECONDS [tls|plain [ADDRESSES]]
 * </pre>
 * Peers connect from 127.0.0.2 to 127.0.0.11 (or to 127.0.0.{ADDRESSES + 1}, at most 253
 * addresses) in turn; dripping peers send a real ClientHello
 * ({@code tls}, the default) or a line that never ends ({@code plain}), one byte per DRIP_MS.
 * Prints its counts every 5 s and stops after SECONDS (bounded: at most 100,000 connections
 * per peer).
 */
public final class CrowdMain {

    private CrowdMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: CrowdMain HOST PORT SILENT DRIPPING DRIP_MS RECONNECT_MS SECONDS"
                    + " [tls|plain [ADDRESSES]]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int silent = Integer.parseInt(args[2]);
        int dripping = Integer.parseInt(args[3]);
        int dripMillis = Integer.parseInt(args[4]);
        int reconnectMillis = Integer.parseInt(args[5]);
        long seconds = Long.parseLong(args[6]);
        boolean plain = args.length > 7 && args[7].equals("plain");
        int addresses = args.length > 8 ? Math.min(253, Math.max(1, Integer.parseInt(args[8]))) : 10;
        byte[] drip = plain ? "x".repeat(65536).getBytes(StandardCharsets.US_ASCII) : Drip.clientHello();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (Crowd crowd = new Crowd(server, Crowd.loopback(2, addresses + 1), drip, dripMillis, reconnectMillis, 100_000,
                seconds * 1000).start(silent, dripping)) {
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                System.out.printf("crowd: %d open, %d connections, %d ended by the server%n",
                        crowd.open(), crowd.connects(), crowd.endedByServer());
            }
        }
    }
}
