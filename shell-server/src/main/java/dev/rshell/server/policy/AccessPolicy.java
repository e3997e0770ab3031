package dev.rshell.server.policy;

import dev.rshell.config.role.ExecPolicy;
import dev.rshell.config.role.RoleDefinition;
import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.exec.ProgramResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one logged-in user may do, from their role: which built-ins, which OS programs, and
 * which paths the file built-ins may read.
 *
 * <p>Every user acts as the server's own OS user, so this is the fence: for roles other than
 * {@code admin}, the server's data directory and configuration file, and the operating
 * system's secrets ({@link Policies#OS_SECRETS}), are never readable,
 * whatever the role's read paths say, and symbolic links can't lead around that (paths are
 * compared after resolving links). An allowlisted program name is looked up on the server's
 * {@code exec-path} only, never on a PATH the user exported, so a user can't plant a program
 * of an allowed name.
 *
 * <p>Thread safety: immutable; one per session, read by its runner, jobs and reader.
 */
public final class AccessPolicy {

    /** The role whose holders the read fence does not apply to. */
    public static final String UNFENCED_ROLE = "admin";

    /** The answer about an OS command. */
    public sealed interface ExecDecision {
        /** May run: with this argv (an allowlisted name is replaced by its absolute path). */
        record Allowed(List<String> argv) implements ExecDecision {
        }

        /** The allowlisted name is not on {@code exec-path}. */
        record NotFound() implements ExecDecision {
        }

        /** This role may not run it; {@code reason} says which role lacks what. */
        record Denied(String reason) implements ExecDecision {
        }
    }

    private final RoleDefinition role;
    private final List<Path> readRoots;
    private final List<Path> fenced;
    private final String execPath;

    /**
     * @param role     the user's role
     * @param home     the user's home, for {@code ~} in read paths
     * @param fenced   paths no role but admin may read (real paths)
     * @param execPath the server's {@code exec-path}, colon-separated
     */
    public AccessPolicy(RoleDefinition role, Path home, List<Path> fenced, String execPath) {
        this.role = role;
        this.readRoots = role.readPaths(home).stream().map(AccessPolicy::real).toList();
        this.fenced = List.copyOf(fenced);
        this.execPath = execPath;
    }

    /** The role's name. */
    public String roleName() {
        return role.name();
    }

    /** Whether the role may run the built-in {@code name}. */
    public boolean mayRunBuiltin(String name) {
        return role.builtins().allows(name);
    }

    /** The built-ins this role may run, for {@code help} and completion. */
    public CommandRegistry visible(CommandRegistry all) {
        CommandRegistry visible = new CommandRegistry();
        for (Command command : all.all()) {
            if (mayRunBuiltin(command.name())) {
                visible.register(command);
            }
        }
        return visible.freeze();
    }

    /** Decides about an OS command line ({@code argv[0]} is the word the user typed). */
    public ExecDecision checkExec(List<String> argv, Path workingDirectory) {
        String word = argv.get(0);
        ExecPolicy exec = role.exec();
        if (exec instanceof ExecPolicy.Off) {
            return new ExecDecision.Denied("role " + role.name() + " may not run OS commands");
        }
        if (exec instanceof ExecPolicy.Any) {
            return new ExecDecision.Allowed(argv);
        }
        if (!exec.allows(word)) {
            return new ExecDecision.Denied("role " + role.name() + " may not run " + word
                    + ": it is not on the role's list of programs");
        }
        if (word.startsWith("/")) {
            return new ExecDecision.Allowed(argv);
        }
        ProgramResolver.Result found = ProgramResolver.lookup(word, execPath, workingDirectory);
        if (!(found instanceof ProgramResolver.Found f)) {
            return new ExecDecision.NotFound();
        }
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, f.path().toString());
        return new ExecDecision.Allowed(resolved);
    }

    /** Whether programs are offered at all in completion, and which names when listed. */
    public Set<String> allowedProgramNames() {
        return role.exec() instanceof ExecPolicy.Allow allow ? allow.names() : Set.of();
    }

    /** True when the role may run any program on its PATH. */
    public boolean anyProgram() {
        return role.exec() instanceof ExecPolicy.Any;
    }

    /** Whether the file built-ins may read {@code path}. */
    public boolean mayRead(Path path) {
        if (role.name().equals(UNFENCED_ROLE)) {
            return true;
        }
        Path real = real(path);
        for (Path f : fenced) {
            if (within(real, f)) {
                return false;
            }
        }
        for (Path root : readRoots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code real} is {@code fence} or below it; a fence whose last name ends in
     * {@code *} ({@code /etc/ssh/ssh_host_*}) covers every name of its directory starting
     * with the rest, and what is below those.
     */
    static boolean within(Path real, Path fence) {
        Path last = fence.getFileName();
        if (last == null || !last.toString().endsWith("*")) {
            return real.startsWith(fence);
        }
        Path dir = fence.getParent();
        int depth = fence.getNameCount() - 1;
        if (dir == null || !real.startsWith(dir) || real.getNameCount() <= depth) {
            return false;
        }
        String prefix = last.toString().substring(0, last.toString().length() - 1);
        return real.getName(depth).toString().startsWith(prefix);
    }

    /** The path with symbolic links resolved as far as it exists, so links can't lead around. */
    public static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path result = existing.toRealPath();
            for (Path part : rest) {
                result = result.resolve(part);
            }
            return result;
        } catch (IOException e) {
            return absolute;
        }
    }
}
