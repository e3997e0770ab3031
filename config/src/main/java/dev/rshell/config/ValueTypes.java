package dev.rshell.config;

import dev.rshell.common.tls.ClientAuth;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The value types settings are made of. Each states its bounds in {@link ValueType#allowed()}
 * in words a user can act on, because that text ends every "is not allowed" message.
 */
public final class ValueTypes {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern HOST_LABEL =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    // First character hex or ':' so that InetAddress parses it as a literal and never
    // falls through to a DNS lookup; no "%scope" suffix, which would need an interface lookup.
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private ValueTypes() {
    }

    private static <T> ValueType<T> of(String allowed, BiFunction<String, ParseContext, Optional<T>> f) {
        return new ValueType<>() {
            @Override
            public String allowed() {
                return allowed;
            }

            @Override
            public Optional<T> parse(String raw, ParseContext context) {
                return f.apply(raw, context);
            }

            @Override
            public String toString() {
                return allowed;
            }
        };
    }

    /** A whole number in {@code [min, max]}; no sign, no separators. */
    public static ValueType<Integer> integer(int min, int max) {
        return of("a whole number from " + min + " to " + max, (raw, ctx) -> {
            if (!DIGITS.matcher(raw).matches()) {
                return Optional.empty();
            }
            long n = Long.parseLong(raw);
            return n >= min && n <= max ? Optional.of((int) n) : Optional.empty();
        });
    }

    /** A byte size in {@code [min, max]} bytes (see {@link Sizes}); a plain number is bytes. */
    public static ValueType<Long> size(long min, long max) {
        return of("a size from " + Sizes.format(min) + " to " + Sizes.format(max)
                        + ": bytes, or a number with k, m or g (1024-based), e.g. 512k or 1MiB",
                (raw, ctx) -> inRange(Sizes.parse(raw, false), min, max));
    }

    /**
     * A size given with a unit, in {@code [minKib, maxKib]} KiB, parsed to KiB. A plain
     * number is refused because for Argon2 it is ambiguous (bytes here, KiB in PHC strings).
     */
    public static ValueType<Integer> kibSize(int minKib, int maxKib) {
        return of("a size from " + Sizes.format(minKib * Sizes.KIB) + " to "
                        + Sizes.format(maxKib * Sizes.KIB)
                        + " with a unit k, m or g (1024-based), e.g. 19m or 19456k",
                (raw, ctx) -> inRange(Sizes.parse(raw, true), minKib * Sizes.KIB, maxKib * Sizes.KIB)
                        .map(bytes -> (int) (bytes / Sizes.KIB)));
    }

    private static Optional<Long> inRange(OptionalLong n, long min, long max) {
        return n.isPresent() && n.getAsLong() >= min && n.getAsLong() <= max
                ? Optional.of(n.getAsLong()) : Optional.empty();
    }

    /** A duration in {@code [min, max]} (see {@link Durations}). */
    public static ValueType<Duration> duration(Duration min, Duration max) {
        return of("a duration from " + Durations.format(min) + " to " + Durations.format(max)
                        + ", e.g. 500ms, 30s or 2m (a plain number is seconds)",
                (raw, ctx) -> Durations.parse(raw)
                        .filter(d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0));
    }

    /**
     * A limit that may be switched off: {@code none} or {@code 0} give an empty Optional,
     * anything else a duration from 1ms to {@code max}.
     */
    public static ValueType<Optional<Duration>> optionalDuration(Duration max) {
        return of("none (or 0) for no limit, or a duration up to " + Durations.format(max)
                        + ", e.g. 30s, 10m or 2h (a plain number is seconds)",
                (raw, ctx) -> {
                    if (raw.equalsIgnoreCase("none")) {
                        return Optional.of(Optional.empty());
                    }
                    return Durations.parse(raw)
                            .filter(d -> d.compareTo(max) <= 0)
                            .map(d -> d.isZero() ? Optional.<Duration>empty() : Optional.of(d));
                });
    }

    /** on/off, true/false or yes/no, case-insensitive. */
    public static ValueType<Boolean> onOff() {
        return of("on or off (also true/false, yes/no)", (raw, ctx) ->
                switch (raw.toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes" -> Optional.of(true);
                    case "off", "false", "no" -> Optional.of(false);
                    default -> Optional.empty();
                });
    }

    /**
     * An IP address (IPv4, or IPv6 with or without brackets) or a host name, checked for
     * form only: it is never resolved here, so loading settings does no network I/O.
     * The value is kept as written, without brackets.
     */
    public static ValueType<String> host() {
        return of("an IP address or host name, e.g. 127.0.0.1, 0.0.0.0, ::1 or localhost",
                (raw, ctx) -> {
                    boolean bracketed = raw.startsWith("[") && raw.endsWith("]");
                    String h = bracketed ? raw.substring(1, raw.length() - 1) : raw;
                    if (h.contains(":")) {
                        return isIpv6(h) ? Optional.of(h) : Optional.empty();
                    }
                    if (bracketed) {
                        return Optional.empty(); // brackets are for IPv6 literals only
                    }
                    if (h.matches("[0-9.]+")) {
                        return isIpv4(h) ? Optional.of(h) : Optional.empty();
                    }
                    return isHostName(h) ? Optional.of(h) : Optional.empty();
                });
    }

    private static boolean isIpv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String h) {
        if (!IPV6_CHARS.matcher(h).matches()) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(h); // a literal: parsed, never looked up
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isHostName(String h) {
        if (h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An absolute path, or {@code ~} / {@code ~/…} for the home directory; normalized.
     * Relative paths are refused: a server's working directory is an accident of how it
     * was started, so a relative data directory would move with it.
     */
    public static ValueType<Path> absolutePath() {
        return of("an absolute path, or ~/… for the home directory", (raw, ctx) -> {
            String p = raw.equals("~") ? ctx.home().toString()
                    : raw.startsWith("~/") ? ctx.home() + raw.substring(1) : raw;
            try {
                Path path = Path.of(p);
                return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * {@code none} (any case) for "not given", else an {@link #absolutePath()}: for a file that
     * is optional, such as a keystore.
     */
    public static ValueType<Optional<Path>> optionalAbsolutePath() {
        ValueType<Path> path = absolutePath();
        return of("an absolute path, ~/… for the home directory, or none", (raw, ctx) ->
                raw.equalsIgnoreCase("none") ? Optional.of(Optional.<Path>empty())
                        : path.parse(raw, ctx).map(Optional::of));
    }

    /**
     * A secret such as a password: up to {@code maxChars} characters, none a control
     * character; empty text means "not given". The value is a {@link Secret}, which never
     * shows itself; the loader never quotes a secret's raw text either.
     */
    public static ValueType<Optional<Secret>> secret(int maxChars) {
        return of("any text of up to " + maxChars + " characters without control characters"
                        + " (a secret: never shown, and not accepted as a flag, which ps would show)",
                (raw, ctx) -> {
                    if (raw.isEmpty()) {
                        return Optional.of(Optional.empty());
                    }
                    if (raw.length() > maxChars || raw.chars().anyMatch(Character::isISOControl)) {
                        return Optional.empty();
                    }
                    return Optional.of(Optional.of(Secret.of(raw)));
                });
    }

    /** The TLS protocol versions rshell can enable, newest first. */
    public static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Enabled TLS versions: {@code TLSv1.3} alone, or {@code TLSv1.3} and {@code TLSv1.2},
     * comma-separated in either order, any case, each once. The value lists them in canonical
     * spelling, newest first, so {@code TLSv1.2} alone, or anything older, is never enabled.
     */
    public static ValueType<List<String>> tlsProtocols() {
        return of("TLSv1.3, or TLSv1.3,TLSv1.2 to allow TLS 1.2 as well (comma-separated, either order)",
                (raw, ctx) -> {
                    Set<String> given = new LinkedHashSet<>();
                    for (String part : raw.split(",", -1)) {
                        Optional<String> known = TLS_PROTOCOLS.stream()
                                .filter(p -> p.equalsIgnoreCase(part.strip())).findFirst();
                        if (known.isEmpty() || !given.add(known.get())) {
                            return Optional.empty();
                        }
                    }
                    if (!given.contains("TLSv1.3")) {
                        return Optional.empty();
                    }
                    return Optional.of(TLS_PROTOCOLS.stream().filter(given::contains).toList());
                });
    }

    /** {@code none}, {@code optional} or {@code required}, any case. */
    public static ValueType<ClientAuth> clientAuth() {
        return of("none, optional or required", (raw, ctx) -> ClientAuth.fromSetting(raw));
    }

    /** {@code platform} or {@code virtual}, any case. Whether this Java has virtual threads is the loader's check. */
    public static ValueType<ThreadKind> threadKind() {
        return of("platform or virtual (virtual needs Java " + ThreadKind.VIRTUAL_SINCE + " or later)",
                (raw, ctx) -> ThreadKind.fromSetting(raw));
    }

    /** A search path: absolute directories separated by {@code :}, at least one, none empty. */
    public static ValueType<List<Path>> absoluteDirectories() {
        return of("absolute directories separated by ':', e.g. /usr/local/bin:/usr/bin:/bin",
                (raw, ctx) -> {
                    List<Path> dirs = new ArrayList<>();
                    for (String part : raw.split(":", -1)) {
                        // startsWith("/") rather than isAbsolute(): this is a Unix PATH whatever
                        // file system the JVM sees.
                        if (!part.startsWith("/") || part.indexOf('\0') >= 0) {
                            return Optional.empty();
                        }
                        try {
                            dirs.add(Path.of(part));
                        } catch (InvalidPathException e) {
                            return Optional.empty();
                        }
                    }
                    return Optional.of(List.copyOf(dirs));
                });
    }

    /** A locale name for LANG: letters, digits and {@code . _ @ -}, at most 64 characters. */
    public static ValueType<String> localeName() {
        return of("a locale name such as C.UTF-8 or en_US.UTF-8 (letters, digits and . _ @ -)",
                (raw, ctx) -> LOCALE.matcher(raw).matches() ? Optional.of(raw) : Optional.empty());
    }
}
