package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threads}: {@code virtual} is refused at load on a Java without virtual threads, in one
 * line naming the value, where it came from and what is allowed. The Java version is the
 * loader's parameter, so both sides of the check run on any JDK.
 */
class ThreadsSettingTest {

    @TempDir
    Path home;

    private ServerSettings load(int javaFeature, Map<String, String> env, Map<String, String> flags) {
        return new SettingsLoader(env, home, Long.MAX_VALUE, javaFeature).load(Optional.empty(), flags);
    }

    private static String refusal(String origin, int javaFeature) {
        return "threads: virtual (" + origin + ") needs Java 21 or later, and the server runs on Java "
                + javaFeature + "; use platform, or start the server with a Java 21+ (JAVA_HOME)";
    }

    @Test
    void virtualOnJava17FromAFlagIsOneProblemNamingTheFlag() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(17, Map.of(), Map.of("threads", "virtual")));
        assertEquals(List.of(refusal("flag --threads", 17)), e.problems());
    }

    @Test
    void virtualOnJava20FromTheEnvironmentNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(20, Map.of("RSHELL_SERVER_THREADS", "VIRTUAL"), Map.of()));
        assertEquals(List.of(refusal("variable RSHELL_SERVER_THREADS", 20)), e.problems());
    }

    @Test
    void virtualOnJava17FromTheFileNamesTheLine() throws Exception {
        Path file = Files.writeString(home.resolve("server.properties"), "# threads\nthreads = virtual\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new SettingsLoader(Map.of(), home, Long.MAX_VALUE, 17).load(Optional.of(file), Map.of()));
        assertEquals(List.of(refusal("file " + file + ":2", 17)), e.problems());
    }

    @Test
    void aFlagOfPlatformOverridesAVirtualFileValueOnJava17() throws Exception {
        Path file = Files.writeString(home.resolve("server.properties"), "threads = virtual\n");
        ServerSettings s = new SettingsLoader(Map.of(), home, Long.MAX_VALUE, 17)
                .load(Optional.of(file), Map.of("threads", "platform"));
        assertEquals(ThreadKind.PLATFORM, s.threads());
    }

    @Test
    void virtualIsAcceptedFromJava21On() {
        assertEquals(ThreadKind.VIRTUAL, load(21, Map.of(), Map.of("threads", "virtual")).threads());
        assertEquals(ThreadKind.VIRTUAL, load(25, Map.of(), Map.of("threads", "Virtual")).threads());
    }

    @Test
    void theDefaultIsPlatformOnEveryJava() {
        assertEquals(ThreadKind.PLATFORM, load(17, Map.of(), Map.of()).threads());
        assertEquals(ThreadKind.PLATFORM, load(25, Map.of(), Map.of()).threads());
    }

    @Test
    void aMisspelledValueIsReportedOnceWithoutTheJavaVersionProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(17, Map.of(), Map.of("threads", "virtaul")));
        assertEquals(List.of("threads: \"virtaul\" from flag --threads is not allowed: platform or virtual"
                + " (virtual needs Java 21 or later)"), e.problems());
    }
}
