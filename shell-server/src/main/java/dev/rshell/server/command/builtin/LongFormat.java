package dev.rshell.server.command.builtin;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code ls -l}: {@code MODE LINKS OWNER GROUP SIZE yyyy-MM-dd HH:mm NAME}, with
 * {@code -> TARGET} after a symbolic link, columns aligned within one listing. Attributes are
 * read without following links. There is no {@code total} line: block counts mean little to
 * a remote user.
 *
 * <p>Where the file system has no POSIX attributes, the permission bits read {@code ?????????}
 * and owner, group and link count {@code ?}, rather than guessing.
 *
 * <p>Thread safety: immutable.
 */
final class LongFormat {

    private static final DateTimeFormatter MTIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final ZoneId zone;

    /** @param zone the zone modification times are shown in: the server's */
    LongFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** One row before alignment; {@code name} is already printable. */
    record Row(String mode, String links, String owner, String group, String size,
            String mtime, String name) {
    }

    /**
     * Reads the attributes of {@code path} and makes its row, shown as {@code name}; with
     * {@code human}, the size as {@link #humanSize} writes it.
     */
    Row row(Path path, String name, boolean human) throws IOException {
        BasicFileAttributes basic;
        PosixFileAttributes posix = null;
        try {
            posix = Files.readAttributes(path, PosixFileAttributes.class, NO_FOLLOW);
            basic = posix;
        } catch (UnsupportedOperationException e) {
            basic = Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
        }
        Map<String, Object> unix = unixAttributes(path);
        String mode;
        if (unix.get("mode") instanceof Integer bits) {
            mode = mode(bits);
        } else if (posix != null) {
            mode = type(basic) + PosixFilePermissions.toString(posix.permissions());
        } else {
            mode = type(basic) + "?????????";
        }
        String links = unix.get("nlink") instanceof Integer n ? n.toString() : "?";
        String owner = posix != null ? posix.owner().getName() : "?";
        String group = posix != null ? posix.group().getName() : "?";
        String mtime = MTIME.format(basic.lastModifiedTime().toInstant().atZone(zone));
        String shown = name;
        if (basic.isSymbolicLink()) {
            String target;
            try {
                target = BuiltinCommand.printable(Files.readSymbolicLink(path).toString());
            } catch (IOException | UnsupportedOperationException e) {
                target = "?";
            }
            shown = name + " -> " + target;
        }
        return new Row(mode, links, BuiltinCommand.printable(owner),
                BuiltinCommand.printable(group),
                human ? humanSize(basic.size()) : Long.toString(basic.size()), mtime, shown);
    }

    /** The rows as lines, numbers right-aligned and names left-aligned in their columns. */
    static List<String> render(List<Row> rows) {
        int links = 0;
        int owner = 0;
        int group = 0;
        int size = 0;
        for (Row row : rows) {
            links = Math.max(links, row.links().length());
            owner = Math.max(owner, row.owner().length());
            group = Math.max(group, row.group().length());
            size = Math.max(size, row.size().length());
        }
        String format = "%s %" + links + "s %-" + owner + "s %-" + group + "s %" + size + "s %s %s";
        List<String> lines = new ArrayList<>(rows.size());
        for (Row row : rows) {
            lines.add(String.format(format, row.mode(), row.links(), row.owner(), row.group(),
                    row.size(), row.mtime(), row.name()));
        }
        return lines;
    }

    /**
     * A size as {@code ls -lh} writes it: bytes below 1024, else powers of 1024 with a unit
     * letter ({@code K M G T P E}, no {@code B}), one decimal below 10 ({@code 1.5K}), rounded up
     * as GNU does ({@code 1025} is {@code 1.1K}, {@code 1048575} is {@code 1.0M}).
     */
    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        String units = "KMGTPE";
        BigInteger size = BigInteger.valueOf(bytes);
        int unit = 0;
        BigInteger scale = BigInteger.valueOf(1024);
        while (unit < units.length() - 1 && size.compareTo(scale.shiftLeft(10)) >= 0) {
            scale = scale.shiftLeft(10);
            unit++;
        }
        BigInteger tenths = ceilDiv(size.multiply(BigInteger.TEN), scale);
        if (tenths.compareTo(BigInteger.valueOf(100)) < 0) {
            return tenths.divide(BigInteger.TEN) + "." + tenths.mod(BigInteger.TEN) + units.charAt(unit);
        }
        BigInteger whole = ceilDiv(size, scale);
        if (whole.compareTo(BigInteger.valueOf(1024)) >= 0 && unit < units.length() - 1) {
            return "1.0" + units.charAt(unit + 1);
        }
        return whole + String.valueOf(units.charAt(unit));
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** {@code ls}'s mode string from {@code st_mode}, with setuid, setgid and sticky bits. */
    static String mode(int bits) {
        char type = switch (bits & 0170000) {
            case 0140000 -> 's';
            case 0120000 -> 'l';
            case 0100000 -> '-';
            case 0060000 -> 'b';
            case 0040000 -> 'd';
            case 0020000 -> 'c';
            case 0010000 -> 'p';
            default -> '?';
        };
        StringBuilder sb = new StringBuilder(10).append(type);
        triple(sb, bits >> 6, (bits & 04000) != 0, 's');
        triple(sb, bits >> 3, (bits & 02000) != 0, 's');
        triple(sb, bits, (bits & 01000) != 0, 't');
        return sb.toString();
    }

    private static void triple(StringBuilder sb, int bits, boolean special, char mark) {
        sb.append((bits & 4) != 0 ? 'r' : '-');
        sb.append((bits & 2) != 0 ? 'w' : '-');
        boolean x = (bits & 1) != 0;
        if (special) {
            sb.append(x ? mark : Character.toUpperCase(mark));
        } else {
            sb.append(x ? 'x' : '-');
        }
    }

    private static char type(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return 'l';
        }
        if (attributes.isDirectory()) {
            return 'd';
        }
        return attributes.isRegularFile() ? '-' : '?';
    }

    /** The JDK's "unix" view (Linux, macOS) has the mode's type bits and the link count. */
    private static Map<String, Object> unixAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:mode,nlink", NO_FOLLOW);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
