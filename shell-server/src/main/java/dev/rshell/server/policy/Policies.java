package dev.rshell.server.policy;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.role.BuiltinRule;
import dev.rshell.config.role.ExecPolicy;
import dev.rshell.config.role.RoleDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link AccessPolicy} of each login from the configured roles, with the server's
 * own files and the operating system's secrets ({@link #OS_SECRETS}) fenced off.
 *
 * <p>Thread safety: immutable.
 */
public final class Policies {

    private final Map<String, RoleDefinition> roles;
    private final List<Path> fenced;
    private final String execPath;

    public Policies(Map<String, RoleDefinition> roles, List<Path> fenced, String execPath) {
        this.roles = Map.copyOf(roles);
        this.fenced = fenced.stream().map(AccessPolicy::real).toList();
        this.execPath = execPath;
    }

    /**
     * The operating system's secrets, fenced from every role but admin wherever the server
     * runs: a server run as root (against advice) could otherwise show {@code /etc/shadow} to
     * a viewer, since the default read path is {@code /}. A last name ending in {@code *}
     * fences every name in that directory that starts with the rest.
     */
    public static final List<Path> OS_SECRETS = List.of(
            Path.of("/etc/shadow"), Path.of("/etc/shadow-"), Path.of("/etc/gshadow"), Path.of("/etc/gshadow-"),
            Path.of("/root"), Path.of("/etc/ssh/ssh_host_*"), Path.of("/etc/sudoers"), Path.of("/etc/sudoers.d"));

    /** The roles and fence of a server with these settings. */
    public static Policies of(ServerSettings settings) {
        List<Path> fenced = new ArrayList<>(OS_SECRETS);
        fenced.add(settings.dataDir());
        settings.configFile().ifPresent(fenced::add);
        settings.tlsKeystore().ifPresent(fenced::add);
        settings.tlsKeystorePasswordFile().ifPresent(fenced::add);
        return new Policies(settings.roles(), fenced, settings.execPathString());
    }

    /**
     * The policy of a user with role {@code roleName}. A role the configuration no longer
     * defines (the users file is older than the config) may do nothing at all but log out.
     */
    public AccessPolicy forUser(String roleName, Path home) {
        RoleDefinition role = roles.get(roleName);
        if (role == null) {
            role = new RoleDefinition(roleName, new BuiltinRule.Only(Set.of("exit", "help")), ExecPolicy.OFF, List.of());
        }
        return new AccessPolicy(role, home, fenced, execPath);
    }
}
