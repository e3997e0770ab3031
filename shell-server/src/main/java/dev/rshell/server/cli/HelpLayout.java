package dev.rshell.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out the description, parameters, options and footer of {@code --help}, wrapping lines
 * only at spaces. picocli's own layout breaks lines where Java's line-break rules allow, which
 * splits {@code e.g.}, {@code server.properties}, {@code TLSv1.3} and {@code C.UTF-8} at the
 * dot. Columns are picocli's: names from column 2 (long names from 6), descriptions from 28,
 * their continuation lines from 30; a name too long for its column puts its description on the
 * next line. A word longer than a line is kept whole.
 */
final class HelpLayout {

    private static final int DESCRIPTION_COLUMN = 28;
    private static final int CONTINUATION_COLUMN = 30;

    private HelpLayout() {
    }

    /** Uses this layout for {@code cli} and all its subcommands. */
    static void install(CommandLine cli) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> paragraphs(help.commandSpec().usageMessage().description(), width(help)));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> paragraphs(help.commandSpec().usageMessage().footer(), width(help)));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> parameters(help.commandSpec(), width(help)));
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help.commandSpec(), width(help)));
        cli.setHelpSectionMap(sections);
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    private static int width(CommandLine.Help help) {
        return help.commandSpec().usageMessage().width();
    }

    private static String paragraphs(String[] lines, int width) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            List<String> wrapped = wrap(line, width);
            if (wrapped.isEmpty()) {
                b.append('\n'); // an empty paragraph is a blank line, as in picocli
            }
            for (String w : wrapped) {
                b.append(w).append('\n');
            }
        }
        return b.toString();
    }

    private static String parameters(CommandSpec spec, int width) {
        StringBuilder b = new StringBuilder();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                entry(b, "      " + p.paramLabel(), p, width);
            }
        }
        return b.toString();
    }

    private static String options(CommandSpec spec, int width) {
        StringBuilder b = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                entry(b, names(o), o, width);
            }
        }
        return b.toString();
    }

    /** {@code "  -h, --help"} or {@code "      --port=PORT"}. */
    private static String names(OptionSpec o) {
        String shortName = null;
        List<String> longNames = new ArrayList<>();
        for (String name : o.names()) {
            if (name.length() == 2 && shortName == null) {
                shortName = name;
            } else {
                longNames.add(name);
            }
        }
        String label = o.arity().max() > 0 ? "=" + o.paramLabel() : "";
        String longPart = String.join(", ", longNames) + (longNames.isEmpty() ? "" : label);
        if (shortName == null) {
            return "      " + longPart;
        }
        return "  " + shortName + (longNames.isEmpty() ? label : ", " + longPart);
    }

    private static void entry(StringBuilder b, String names, ArgSpec arg, int width) {
        List<String> lines = wrap(String.join(" ", arg.description()), width - DESCRIPTION_COLUMN,
                width - CONTINUATION_COLUMN);
        b.append(names);
        int column = names.length();
        if (column >= DESCRIPTION_COLUMN) {
            b.append('\n');
            column = 0;
        }
        for (int i = 0; i < lines.size(); i++) {
            int indent = i == 0 ? DESCRIPTION_COLUMN : CONTINUATION_COLUMN;
            b.append(" ".repeat(indent - column)).append(lines.get(i)).append('\n');
            column = 0;
        }
        if (lines.isEmpty()) {
            b.append('\n');
        }
    }

    /** {@code text} in lines of at most {@code width} characters, broken only at spaces. */
    static List<String> wrap(String text, int width) {
        return wrap(text, width, width);
    }

    /** As {@link #wrap(String, int)}, the first line {@code firstWidth} wide, the others {@code width}. */
    static List<String> wrap(String text, int firstWidth, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            int limit = lines.isEmpty() ? firstWidth : width;
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
