package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesAndDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "1048576, 1048576", "1k, 1024", "1K, 1024", "1kb, 1024", "1KiB, 1024",
        "512k, 524288", "1m, 1048576", "1MB, 1048576", "1MiB, 1048576", "1 MiB, 1048576",
        "3g, 3221225472", "1GiB, 1073741824", "2gb, 2147483648", "' 7k ', 7168"
    })
    void sizes(String text, long bytes) {
        assertEquals(OptionalLong.of(bytes), Sizes.parse(text, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "1.5m", "-1", "1t", "1 k b", "1kibi", "0x10", "9999999999999999999",
        "9999999999g"})
    void notSizes(String text) {
        assertEquals(OptionalLong.empty(), Sizes.parse(text, false));
    }

    @Test
    void unitCanBeRequired() {
        assertEquals(OptionalLong.empty(), Sizes.parse("19456", true));
        assertEquals(OptionalLong.of(19456 * 1024L), Sizes.parse("19456k", true));
    }

    @Test
    void formatsInLargestExactUnit() {
        assertEquals("1 GiB", Sizes.format(Sizes.GIB));
        assertEquals("76 MiB", Sizes.format(76 * Sizes.MIB));
        assertEquals("1536 KiB", Sizes.format(1536 * Sizes.KIB));
        assertEquals("1000 bytes", Sizes.format(1000));
        assertEquals("1 byte", Sizes.format(1));
        assertEquals("0 bytes", Sizes.format(0));
    }

    @ParameterizedTest
    @CsvSource({
        "60, PT60S", "60s, PT60S", "60S, PT60S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H",
        "7d, PT168H", "0, PT0S", "' 5 s ', PT5S", "90 m, PT1H30M"
    })
    void durations(String text, String iso) {
        assertEquals(Optional.of(Duration.parse(iso)), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1.5s", "-1s", "1w", "1 h 2 m", "1h2m", "10us", "1000000000000s"})
    void notDurations(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }

    @Test
    void durationFormatsInLargestExactUnit() {
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("365d", Durations.format(Duration.ofDays(365)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
