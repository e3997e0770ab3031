package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.Setting;
import dev.rshell.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --help} wraps only between words; usage errors are one line naming the help to read. */
@Timeout(60)
class HelpAndUsageTest {

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void helpWrapsOnlyBetweenWordsWithin80Columns() {
        Cli.Result r = Cli.run("", "--help");
        assertEquals(0, r.status(), r.toString());
        r.out().lines().forEach(line -> assertTrue(line.length() <= 80, "longer than 80: " + line));
        String help = collapse(r.out());
        for (Setting<?> s : Settings.definitions()) {
            if (!s.secret()) {
                String text = s.description() + " Allowed: " + s.allowed() + ". Default: " + s.defaultText()
                        + "; variable " + s.envVar() + ".";
                assertTrue(help.contains(collapse(text)), "broken inside a word, or missing: " + text);
            }
        }
        assertTrue(r.out().contains("\n\nExit status: 0 after"), r.out());
    }

    @Test
    void subcommandHelpWrapsOnlyBetweenWordsToo() {
        Cli.Result r = Cli.run("", "user", "add", "--help");
        assertEquals(0, r.status(), r.toString());
        assertTrue(collapse(r.out()).contains("The user name: " + dev.rshell.config.user.UserAccount.NAME_RULE),
                r.out());
    }

    @Test
    void anUnknownOptionIsExactlyOneLine() {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--bogus=3"), List.of("--port", "1", "--bogus"))) {
            Cli.Result r = Cli.run("", args.toArray(String[]::new));
            assertEquals(2, r.status(), r.toString());
            assertEquals("rshell-server: unknown option: '--bogus' (try rshell-server --help)\n", r.err(), args.toString());
            assertEquals("", r.out());
        }
    }

    @Test
    void aUsageErrorOfASubcommandNamesItsHelp() {
        Cli.Result r = Cli.run("", "user", "list", "--bogus");
        assertEquals(2, r.status(), r.toString());
        assertEquals("rshell-server: unknown option: '--bogus' (try rshell-server user list --help)\n", r.err());
    }
}
