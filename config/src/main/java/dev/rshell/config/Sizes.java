package dev.rshell.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 1048576}, {@code 512k}, {@code 1m}, {@code 1MiB},
 * {@code 2 GB}. Units are 1024-based whatever their spelling ({@code k}, {@code kb},
 * {@code kib}, and likewise {@code m} and {@code g}), case-insensitive, because nobody sizing
 * a buffer means 1000 and mixed conventions would be a trap.
 */
public final class Sizes {

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    public static final long GIB = 1024 * MIB;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*([A-Za-z]*)");

    private Sizes() {
    }

    /**
     * The number of bytes {@code text} stands for.
     *
     * @param requireUnit when true a plain number is refused: used where a bare number is
     *                    ambiguous (Argon2 memory is often quoted in KiB)
     * @return empty when the text is not a size, or overflows a long
     */
    public static OptionalLong parse(String text, boolean requireUnit) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long multiplier;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> {
                if (requireUnit) {
                    return OptionalLong.empty();
                }
                multiplier = 1;
            }
            case "k", "kb", "kib" -> multiplier = KIB;
            case "m", "mb", "mib" -> multiplier = MIB;
            case "g", "gb", "gib" -> multiplier = GIB;
            default -> {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code bytes} in the largest unit that divides it exactly: "1 MiB", "1536 KiB", "100 bytes". */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
