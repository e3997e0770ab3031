package dev.rshell.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code stats}' resident memory and thread lines, in the forms a server may print. */
class ServerStatsTest {

    @Test
    void sizesInTheFormsAServerPrints() {
        assertEquals(83_886_080, ServerStats.bytes("80.0 MiB"));
        assertEquals(123_456_789, ServerStats.bytes("123456789"));
        assertEquals(123_456_789, ServerStats.bytes("123,456,789 bytes"));
        assertEquals(120_540L * 1024, ServerStats.bytes("120540 kB"));
        assertEquals(1L << 30, ServerStats.bytes("1 GiB"));
        assertEquals(512, ServerStats.bytes("512 B"));
        assertEquals(104_857_600, ServerStats.bytes("100.0 MiB (104857600 bytes)"));
        assertEquals(-1, ServerStats.bytes("unavailable"));
        assertEquals(-1, ServerStats.bytes("lots"));
    }

    @Test
    void theRealServersStatsOutput() {
        List<String> lines = List.of("uptime: 01:02:03", "sessions: 2 now, 5 peak", "commands run: 40",
                "threads: 17", "heap: 12.0 MiB used / 1.0 GiB max", "resident memory: 80.0 MiB",
                "open file descriptors: 42");
        assertEquals(new ServerStats.Reading.Available(83_886_080, 17), ServerStats.parse(lines));
    }

    @Test
    void missingOrUnreadableFiguresAreUnavailableWithAReason() {
        assertEquals(new ServerStats.Reading.Unavailable(
                "the server can't tell its resident memory (stats says unavailable)"),
                ServerStats.parse(List.of("threads: 3", "resident memory: unavailable")));
        assertEquals(new ServerStats.Reading.Unavailable("stats printed no readable \"threads:\" line"),
                ServerStats.parse(List.of("resident memory: 1 MiB")));
        assertEquals(new ServerStats.Reading.Unavailable("stats printed no readable \"resident memory:\" line"),
                ServerStats.parse(List.of()));
    }
}
