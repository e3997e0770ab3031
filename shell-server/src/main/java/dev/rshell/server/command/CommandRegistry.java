package dev.rshell.server.command;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in commands by name. Lookup of a word that is not a built-in answers empty; the
 * session then treats the word as an OS command (when the exec policy allows).
 *
 * <p>Thread safety: built once at start-up with {@link #register}, then only read; safe to
 * share across sessions once {@link #freeze()} was called.
 */
public final class CommandRegistry {

    private final Map<String, Command> commands = new TreeMap<>();
    private boolean frozen;

    /**
     * Adds a command.
     *
     * @throws IllegalStateException if the name is taken or the registry is frozen
     */
    public CommandRegistry register(Command command) {
        if (frozen) {
            throw new IllegalStateException("registry is frozen");
        }
        if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalStateException("command registered twice: " + command.name());
        }
        return this;
    }

    /** Stops further registration; the registry is then safe to share. */
    public CommandRegistry freeze() {
        frozen = true;
        return this;
    }

    /** The built-in called {@code name}, if there is one. */
    public Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** Every built-in, sorted by name. */
    public Collection<Command> all() {
        return Collections.unmodifiableCollection(commands.values());
    }
}
