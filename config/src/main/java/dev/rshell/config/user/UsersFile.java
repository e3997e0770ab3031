package dev.rshell.config.user;

import dev.rshell.config.ConfigException;
import dev.rshell.config.source.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads and writes the users file format described in {@link UserStore}. No I/O here: bytes
 * in, accounts out, so the format is tested without a disk.
 */
final class UsersFile {

    static final String HEADER = "# rshell-server users. One user a line, fields separated by a tab:\n"
            + "# NAME  ROLE  HOME  PASSWORD-HASH  CERTIFICATE-FINGERPRINTS\n"
            + "# Manage with `rshell-server user ...`; edits by hand are read by a running server.\n";

    private UsersFile() {
    }

    /**
     * Parses the file's bytes.
     *
     * @param file  for messages only
     * @param roles the roles an account may have
     * @return accounts by name
     * @throws ConfigException listing every malformed line as {@code file FILE:LINE: …}
     */
    static Map<String, UserAccount> parse(Path file, byte[] bytes, Set<Role> roles) {
        Map<String, UserAccount> users = new TreeMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<String> problems = new ArrayList<>();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        for (int lineNo = 1; start < bytes.length; lineNo++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String where = "file " + file + ":" + lineNo + ": ";
            String line;
            try {
                line = decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                problems.add(where + "not valid UTF-8 text");
                start = end + 1;
                continue;
            }
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Optional<UserAccount> account = parseLine(line, roles, where, problems);
            if (account.isPresent()) {
                String name = account.get().name();
                Integer first = firstLine.putIfAbsent(name, lineNo);
                if (first != null) {
                    problems.add(where + "user " + name + " is defined again (first at line "
                            + first + ")");
                } else {
                    users.put(name, account.get());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return users;
    }

    private static Optional<UserAccount> parseLine(String line, Set<Role> roles, String where,
                                                   List<String> problems) {
        String[] f = line.split("\t", -1);
        if (f.length != 4 && f.length != 5) {
            problems.add(where + "expected 4 or 5 fields separated by tabs (name, role, home, "
                    + "password hash, certificate fingerprints), found " + f.length);
            return Optional.empty();
        }
        int before = problems.size();
        if (!UserAccount.isValidName(f[0])) {
            problems.add(where + "user name " + Text.quote(f[0]) + " is not allowed: "
                    + UserAccount.NAME_RULE);
        }
        Role role = null;
        try {
            role = Role.of(f[1]);
        } catch (IllegalArgumentException e) {
            // reported just below, with the roles that exist
        }
        if (role == null || !roles.contains(role)) {
            problems.add(where + "role " + Text.quote(f[1]) + " is not one of "
                    + roles.stream().map(Role::name).sorted().collect(Collectors.joining(", ")));
        }
        Path home = null;
        Optional<String> unescaped = unescape(f[2]);
        if (unescaped.isEmpty()) {
            problems.add(where + "home " + Text.quote(f[2]) + " has a backslash that is not one of "
                    + "\\\\, \\t, \\n or \\r");
        } else {
            try {
                home = Path.of(unescaped.get());
            } catch (InvalidPathException e) {
                home = null;
            }
            if (home == null || !home.isAbsolute()) {
                problems.add(where + "home " + Text.quote(f[2]) + " is not an absolute path");
            }
        }
        if (!f[3].isEmpty() && !PasswordHasher.isWellFormed(f[3])) {
            problems.add(where + "password hash of " + f[0] + " is not an Argon2id PHC string "
                    + "($argon2id$v=19$m=…,t=…,p=…$SALT$HASH); leave the field empty for none");
        }
        List<String> fingerprints = f.length == 5 && !f[4].isEmpty()
                ? Arrays.asList(f[4].split(",", -1)) : List.of();
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserAccount(f[0], role, home,
                    f[3].isEmpty() ? Optional.empty() : Optional.of(f[3]), fingerprints));
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage()); // what's left: a malformed fingerprint
            return Optional.empty();
        }
    }

    /** The whole file for {@code users}: header, then one line per user in name order. */
    static byte[] format(Collection<UserAccount> users) {
        StringBuilder b = new StringBuilder(HEADER);
        users.stream().sorted((a, c) -> a.name().compareTo(c.name())).forEach(u -> b
                .append(u.name()).append('\t')
                .append(u.role().name()).append('\t')
                .append(escape(u.home().toString())).append('\t')
                .append(u.passwordHash().orElse("")).append('\t')
                .append(String.join(",", u.certificateFingerprints())).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Home is the one free-text field: a tab or newline in it would break the line format. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static Optional<String> unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == s.length()) {
                return Optional.empty();
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(b.toString());
    }
}
