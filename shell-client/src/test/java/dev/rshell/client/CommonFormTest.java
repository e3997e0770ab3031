package dev.rshell.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast path of the command line ({@code ClientMain.parseCommonForm}) fills the options
 * exactly as picocli does for every form it takes, and leaves every other form to picocli.
 */
class CommonFormTest {

    private static final List<List<String>> TAKEN = List.of(
            List.of("host"),
            List.of("alice@db1:7022", "ls", "-l", "/var/log"),
            List.of("host", "echo", "--help", "-c", "x", "--", "-"),
            List.of("-c", "echo hi", "host"),
            List.of("-c", "-x", "-f", "-", "--command", "pwd", "--file", "s.rsh", "--command=echo 3", "h"),
            List.of("-e", "--no-color", "-u", "bob", "-p", "22", "--password-file", "/tmp/pw", "h"),
            List.of("--errexit", "--user=bob", "--port=2222", "--keepalive", "5", "h"),
            List.of("--connect-timeout", "2.5", "--window", "16", "host", "uptime"),
            List.of("--connect-timeout=abc", "--window=0", "host"),
            List.of("--no-tls", "h"),
            List.of("--tls12", "--accept-new", "h", "x"),
            List.of("--fingerprint", "SHA256:abc", "--identity", "/id.p12", "--identity-password-file", "/pw", "h"),
            List.of("-i", "id.p12", "--truststore=/ca.pem", "--truststore-password-file", "/tpw", "h"),
            List.of("--fingerprint=SHA256:x", "-c", "echo hi", "-e", "bench@127.0.0.1:7022"),
            List.of("-c", "echo hi"),
            List.of("-n", "--stdin-to", "2", "-c", "a", "-c", "b", "h"),
            List.of("--no-stdin", "h", "cat"),
            List.of("--stdin-to=1", "h", "sort"),
            List.of());

    private static final List<List<String>> DECLINED = List.of(
            List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"),
            List.of("keygen"), List.of("bench", "h"), List.of("-c", "x", "keygen"),
            List.of("@args"), List.of("-c", "@script"), List.of("h", "echo", "@x"),
            List.of("--", "h"), List.of("-"), List.of("-cecho hi", "h"), List.of("-ubob", "h"),
            List.of("-u", "a", "-u", "b", "h"), List.of("-e", "-e", "h"), List.of("--no-tls", "--no-tls", "h"),
            List.of("--no-tls=true", "h"), List.of("--window", "010", "h"), List.of("--window", "+5", "h"),
            List.of("--window", "99999999999", "h"), List.of("--window", "16", "--window", "16", "h"),
            List.of("-u", "-x", "h"), List.of("--user=-x", "h"), List.of("-u"), List.of("-c"),
            List.of("--unknown", "h"), List.of("-x", "h"), List.of("--fingerprint", "a", "--fingerprint", "b", "h"),
            List.of("--identity", "a\u0000b", "h"), List.of("-ec", "x", "h"),
            List.of("--stdin-to", "01", "h"), List.of("--stdin-to", "1", "--stdin-to", "1", "h"),
            List.of("-n", "-n", "h"), List.of("-ne", "h", "x"));

    private static ClientIo io() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new ClientIo(new ByteArrayInputStream(new byte[0]), sink, sink, Map.of(), "tester", false,
                text -> null);
    }

    @Test
    void everyFormTakenFillsTheOptionsAsPicocliDoes() throws Exception {
        for (List<String> args : TAKEN) {
            String[] a = args.toArray(new String[0]);
            ClientMain fast = ClientMain.root(io());
            assertTrue(fast.parseCommonForm(a), () -> "should be taken: " + args);
            ClientMain picocli = ClientMain.root(io());
            ClientMain.commandLine(picocli, io()).parseArgs(a);
            assertEquals(options(picocli), options(fast), () -> "differs for " + args);
        }
    }

    @Test
    void everyOtherFormIsLeftToPicocli() {
        for (List<String> args : DECLINED) {
            assertFalse(ClientMain.root(io()).parseCommonForm(args.toArray(new String[0])),
                    () -> "should be left to picocli: " + args);
        }
    }

    /** Every option field of the root and its transport mixin, as text. */
    private static List<String> options(ClientMain main) throws Exception {
        List<String> values = new ArrayList<>();
        collect(main, values);
        Field mixin = ClientMain.class.getDeclaredField("transportOptions");
        mixin.setAccessible(true);
        collect(mixin.get(main), values);
        return values;
    }

    private static void collect(Object object, List<String> values) throws Exception {
        for (Field f : object.getClass().getDeclaredFields()) {
            boolean option = f.isAnnotationPresent(picocli.CommandLine.Option.class)
                    || f.isAnnotationPresent(picocli.CommandLine.Parameters.class)
                    || f.getName().equals("scriptArgs");
            if (!option || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            values.add(f.getName() + "=" + f.get(object));
        }
    }
}
