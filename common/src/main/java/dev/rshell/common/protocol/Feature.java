package dev.rshell.common.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The features of protocol version 1.1 that a client asks for with {@code :features NAME…}
 * (protocol.md, "Asking for features"). A server answers with the names it has, in the order
 * asked; names it does not know are left out, so a reader of the answer ignores them too.
 */
public enum Feature {
    /** Standard input for commands: {@code :stdin}, {@code :in}, {@code :in-}, {@code :eof}, {@code more}. */
    INPUT("input"),
    /** Output without a newline yet, for prompts: {@code part}. */
    PARTIAL("partial"),
    /** Byte-exact output and input: {@code outb}, {@code errb}, {@code :inb}. */
    BYTES("bytes");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The feature called {@code name} on the wire (exact, lower case), if this version knows it. */
    public static Optional<Feature> named(String name) {
        for (Feature f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The known features among blank-separated {@code names} (an {@code ok} answer's text); others are ignored. */
    public static Set<Feature> parse(String names) {
        Set<Feature> found = EnumSet.noneOf(Feature.class);
        for (String name : names.split("[ \t]+")) {
            named(name).ifPresent(found::add);
        }
        return found;
    }

    /** The wire names of {@code features}, in their order. */
    public static List<String> wireNames(Collection<Feature> features) {
        List<String> names = new ArrayList<>(features.size());
        for (Feature f : features) {
            names.add(f.wireName);
        }
        return names;
    }
}
