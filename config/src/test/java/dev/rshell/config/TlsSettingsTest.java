package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keystore, its password (never shown) and the password file. */
class TlsSettingsTest {

    static final String PASSWORD = "hunter2-Zq9";
    static final String PW_VAR = "RSHELL_SERVER_TLS_KEYSTORE_PASSWORD";

    @TempDir
    Path home;
    Path keystore;

    @BeforeEach
    void setUp() throws IOException {
        keystore = home.resolve("server-own.p12");
        Files.write(keystore, new byte[] {1, 2, 3}); // the loader checks it is readable, not its content
    }

    private ServerSettings load(Map<String, String> env, Map<String, String> flags) {
        return new SettingsLoader(env, home, Long.MAX_VALUE).load(Optional.empty(), flags);
    }

    private List<String> problems(Map<String, String> env, Map<String, String> flags) {
        List<String> p = assertThrows(ConfigException.class, () -> load(env, flags)).problems();
        for (String line : p) {
            assertFalse(line.contains(PASSWORD), line);
            assertFalse(line.contains("hunter2"), line);
        }
        return p;
    }

    private Path passwordFile(byte[] content) throws IOException {
        Path f = home.resolve("pw");
        Files.write(f, content);
        return f;
    }

    private static String text(Optional<Secret> s) {
        return new String(s.orElseThrow().toCharArray());
    }

    @Test
    void passwordFromTheVariableOpensANamedKeystore() {
        ServerSettings s = load(Map.of(PW_VAR, PASSWORD), Map.of("tls-keystore", keystore.toString()));
        assertEquals(Optional.of(keystore), s.tlsKeystore());
        assertEquals(PASSWORD, text(s.tlsKeystorePassword()));
        assertEquals(Optional.empty(), s.tlsKeystorePasswordFile());
    }

    @Test
    void passwordNeverAppearsInToString() {
        ServerSettings s = load(Map.of(PW_VAR, PASSWORD), Map.of("tls-keystore", keystore.toString()));
        assertFalse(s.toString().contains(PASSWORD), s.toString());
        assertTrue(s.toString().contains("tlsKeystorePassword=Optional[***]"), s.toString());
        assertEquals("***", s.tlsKeystorePassword().orElseThrow().toString());
    }

    @Test
    void keystoreAndPasswordMayComeFromThePropertiesFile() throws IOException {
        Path config = home.resolve("s.properties");
        Files.writeString(config, "tls-keystore = ~/server-own.p12\ntls-keystore-password = " + PASSWORD + "\n");
        ServerSettings s = new SettingsLoader(Map.of(), home, Long.MAX_VALUE).load(Optional.of(config), Map.of());
        assertEquals(Optional.of(keystore), s.tlsKeystore());
        assertEquals(PASSWORD, text(s.tlsKeystorePassword()));
    }

    @Test
    void passwordFileFirstLineIsThePassword() throws IOException {
        for (String content : List.of(PASSWORD, PASSWORD + "\n", PASSWORD + "\r\n", PASSWORD + "\nsecond line\n")) {
            Path f = passwordFile(content.getBytes(StandardCharsets.UTF_8));
            ServerSettings s = load(Map.of(), Map.of("tls-keystore", keystore.toString(),
                    "tls-keystore-password-file", f.toString()));
            assertEquals(PASSWORD, text(s.tlsKeystorePassword()), content);
            assertEquals(Optional.of(f), s.tlsKeystorePasswordFile());
        }
    }

    @Test
    void passwordFileKeepsBlanksAndNonAsciiOfTheLine() throws IOException {
        Path f = passwordFile(" pässwörd \n".getBytes(StandardCharsets.UTF_8));
        ServerSettings s = load(Map.of(), Map.of("tls-keystore", keystore.toString(),
                "tls-keystore-password-file", f.toString()));
        assertEquals(" pässwörd ", text(s.tlsKeystorePassword()));
    }

    @Test
    void missingPasswordFileIsOneLineNamingTheFile() {
        Path missing = home.resolve("nope");
        assertEquals(List.of("tls-keystore-password-file: " + missing
                        + " (flag --tls-keystore-password-file) can't be read: no such file"),
                problems(Map.of(), Map.of("tls-keystore", keystore.toString(),
                        "tls-keystore-password-file", missing.toString())));
    }

    @Test
    void emptyPasswordFileIsOneLineNamingTheFile() throws IOException {
        for (String content : List.of("", "\n", "\r\n", "\nsecret on line two\n")) {
            Path f = passwordFile(content.getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("tls-keystore-password-file: " + f + " (variable"
                            + " RSHELL_SERVER_TLS_KEYSTORE_PASSWORD_FILE) is empty: its first line must be the"
                            + " keystore password"),
                    problems(Map.of("RSHELL_SERVER_TLS_KEYSTORE_PASSWORD_FILE", f.toString()),
                            Map.of("tls-keystore", keystore.toString())), content);
        }
    }

    @Test
    void passwordFileThatIsADirectoryOrNotTextOrHuge() throws IOException {
        Map<String, String> flags = new HashMap<>(Map.of("tls-keystore", keystore.toString(),
                "tls-keystore-password-file", home.toString()));
        assertEquals(List.of("tls-keystore-password-file: " + home
                + " (flag --tls-keystore-password-file) can't be read: it is a directory"), problems(Map.of(), flags));

        Path f = passwordFile(new byte[] {'h', 'u', 'n', 't', 'e', 'r', '2', (byte) 0xff, '\n'});
        flags.put("tls-keystore-password-file", f.toString());
        assertEquals(List.of("tls-keystore-password-file: " + f
                + " (flag --tls-keystore-password-file): its first line is not UTF-8 text"), problems(Map.of(), flags));

        passwordFile(new byte[SettingsLoader.MAX_PASSWORD_FILE_BYTES + 1]);
        assertEquals(List.of("tls-keystore-password-file: " + f
                + " (flag --tls-keystore-password-file) is larger than 64 KiB; its first line should be the"
                + " keystore password"), problems(Map.of(), flags));
    }

    @Test
    void keystoreWithoutAPasswordIsAProblem() {
        assertEquals(List.of("tls-keystore needs tls-keystore-password-file or RSHELL_SERVER_TLS_KEYSTORE_PASSWORD: "
                + keystore + " (flag --tls-keystore) is given without a password"),
                problems(Map.of(), Map.of("tls-keystore", keystore.toString())));
    }

    @Test
    void emptyPasswordVariableCountsAsNone() {
        assertEquals(1, problems(Map.of(PW_VAR, ""), Map.of("tls-keystore", keystore.toString())).size());
        assertEquals(Optional.empty(), load(Map.of(PW_VAR, ""), Map.of()).tlsKeystorePassword());
    }

    @Test
    void passwordAndPasswordFileTogetherIsAProblem() throws IOException {
        Path f = passwordFile("other\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("tls-keystore-password *** (variable RSHELL_SERVER_TLS_KEYSTORE_PASSWORD) and"
                + " tls-keystore-password-file " + f + " (flag --tls-keystore-password-file) are both given;"
                + " give the password one way"),
                problems(Map.of(PW_VAR, PASSWORD), Map.of("tls-keystore", keystore.toString(),
                        "tls-keystore-password-file", f.toString())));
    }

    @Test
    void passwordWithoutAKeystoreIsAProblem() throws IOException {
        assertEquals(List.of("tls-keystore-password *** (variable RSHELL_SERVER_TLS_KEYSTORE_PASSWORD) is given"
                + " but tls-keystore is none: the generated keystore needs no password; name your keystore"
                + " with tls-keystore or drop tls-keystore-password"),
                problems(Map.of(PW_VAR, PASSWORD), Map.of()));
        Path f = passwordFile("pw\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("tls-keystore-password-file " + f + " (flag --tls-keystore-password-file) is given"
                + " but tls-keystore is none: the generated keystore needs no password; name your keystore"
                + " with tls-keystore or drop tls-keystore-password-file"),
                problems(Map.of(), Map.of("tls-keystore-password-file", f.toString())));
    }

    @Test
    void keystoreMustBeReadable() {
        Path missing = home.resolve("missing.p12");
        assertEquals(List.of("tls-keystore: " + missing + " (flag --tls-keystore) can't be read: no such file"),
                problems(Map.of(PW_VAR, PASSWORD), Map.of("tls-keystore", missing.toString())));
        assertEquals(List.of("tls-keystore: " + home + " (flag --tls-keystore) can't be read: it is a directory"),
                problems(Map.of(PW_VAR, PASSWORD), Map.of("tls-keystore", home.toString())));
    }

    @Test
    void keystoreIsCheckedEvenWithTlsOff() {
        assertEquals(1, problems(Map.of(), Map.of("tls", "off", "tls-keystore", keystore.toString())).size());
    }

    @Test
    void passwordAsAFlagIsRefusedWithoutShowingIt() {
        assertEquals(List.of("tls-keystore-password from flag --tls-keystore-password is refused: every local user"
                + " can read a command line (ps); give it in variable RSHELL_SERVER_TLS_KEYSTORE_PASSWORD or the"
                + " properties file"),
                problems(Map.of(), Map.of("tls-keystore", keystore.toString(), "tls-keystore-password", PASSWORD)));
    }

    @Test
    void badPasswordIsReportedMasked() {
        String allowed = "any text of up to 1024 characters without control characters (a secret: never shown,"
                + " and not accepted as a flag, which ps would show)";
        for (String bad : List.of(PASSWORD + "\u0007", PASSWORD + "x".repeat(1024))) {
            assertEquals(List.of("tls-keystore-password: *** from variable RSHELL_SERVER_TLS_KEYSTORE_PASSWORD is"
                    + " not allowed: " + allowed),
                    problems(Map.of(PW_VAR, bad), Map.of("tls-keystore", keystore.toString())));
        }
        String longest = "p".repeat(1024);
        assertEquals(longest, text(load(Map.of(PW_VAR, longest), Map.of("tls-keystore", keystore.toString()))
                .tlsKeystorePassword()));
    }

    @Test
    void passwordIsInNoMessageWhateverElseIsWrong() throws IOException {
        // Every problem at once: the password appears in none of them (problems() asserts that).
        Path f = passwordFile((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of(PW_VAR, PASSWORD, "RSHELL_SERVER_TLS_KEYSTORE_PASSWD", PASSWORD,
                "RSHELL_SERVER_TLS_PROTOCOLS", "TLSv1.2");
        Map<String, String> flags = Map.of("tls-keystore", home.resolve("missing.p12").toString(),
                "tls-keystore-password-file", f.toString(), "port", "x");
        List<String> p = problems(env, flags);
        assertEquals(4, p.size(), String.join("\n", p));
        ConfigException e = assertThrows(ConfigException.class, () -> load(env, flags));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void secretShowsNothingAndHandsOutCopies() {
        Secret s = Secret.of(PASSWORD);
        assertEquals("***", s.toString());
        assertEquals("***", String.valueOf(Optional.of(s).get()));
        char[] a = s.toCharArray();
        assertArrayEquals(PASSWORD.toCharArray(), a);
        a[0] = 'X';
        assertArrayEquals(PASSWORD.toCharArray(), s.toCharArray(), "the secret must not share its array");
        assertNotSame(s.toCharArray(), s.toCharArray());
        assertEquals(Secret.of(PASSWORD.toCharArray()), s);
        assertFalse(Secret.of("other").equals(s));
        assertEquals(PASSWORD.length(), s.length());
    }
}
