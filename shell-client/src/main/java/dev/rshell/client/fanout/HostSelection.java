package dev.rshell.client.fanout;

import dev.rshell.client.connect.Target;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hosts of a run, from every place a command line may name them: the target, {@code -H}
 * (repeatable), {@code --hosts-file FILE} (one host set a line, {@code #} comments), less those
 * of {@code -x} (repeatable).
 *
 * <p>Order: as given, the target first, then {@code -H} and hosts files in the order added;
 * a host named again (same user, name and port) keeps its first place. Defaults: a host without
 * its own user gets {@code -u}, else the local login name; without its own port, {@code -p},
 * else the default port. {@code -x} removes every host with that name (and, when the {@code -x}
 * member has a port, that port only); it takes no users.
 *
 * <p>Labels ({@link Host#label()}): the host name when no other host of the run has it;
 * {@code host:port} when several do (three servers on 127.0.0.1), {@code user@host:port} when
 * even that repeats. Labels are unique, so they can name files ({@code --outdir}).
 *
 * <p>Errors are {@link HostSetException}s: a bad set, a hosts file that can't be read (or a bad
 * line in it, named {@code FILE:LINE}), no host at all, or none left after {@code -x}.
 *
 * <p>Thread safety: not thread-safe; one selection per command line.
 */
public final class HostSelection {

    private final HostSetParser parser;
    private final List<HostEntry> included = new ArrayList<>();
    private final List<HostEntry> excluded = new ArrayList<>();

    /** @param groups reads the groups file, at most once, when a group is first named */
    public HostSelection(Supplier<GroupsFile> groups) {
        this.parser = new HostSetParser(groups);
    }

    /** Adds the hosts of a host set (the target, or one {@code -H}). */
    public HostSelection add(String set) {
        included.addAll(parser.parse(set));
        checkCount();
        return this;
    }

    /** Adds the hosts of a hosts file: one host set a line; blank lines and {@code #} comments skipped. */
    public HostSelection addFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostSetException("can't read --hosts-file " + file + ": " + reason(e));
        }
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            int hash = line.indexOf('#');
            String set = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (set.isEmpty()) {
                continue;
            }
            try {
                included.addAll(parser.parse(set));
            } catch (HostSetException e) {
                throw new HostSetException(file + ":" + n + ": " + e.getMessage());
            }
            checkCount();
        }
        return this;
    }

    /** Removes the hosts of a host set ({@code -x}) from the result. */
    public HostSelection exclude(String set) {
        for (HostEntry e : parser.parse(set)) {
            if (e.user() != null) {
                throw new HostSetException("-x takes hosts, not users: " + Text.quote(set));
            }
            excluded.add(e);
        }
        return this;
    }

    /**
     * The hosts, with defaults applied and labels given.
     *
     * @param userOption  {@code -u}, or {@code null}
     * @param portOption  {@code -p}, or {@code null}
     * @param localUser   the local login name, or {@code null} when unknown
     * @param defaultPort the port when neither the host nor {@code -p} gives one
     * @throws HostSetException when no host is left, or a user is missing or bad
     */
    public List<Host> resolve(String userOption, Integer portOption, String localUser, int defaultPort) {
        if (included.isEmpty()) {
            throw new HostSetException("no hosts given");
        }
        Map<List<Object>, HostEntry> unique = new LinkedHashMap<>();
        for (HostEntry e : included) {
            String user = e.user() != null ? e.user() : userOption != null ? userOption : localUser;
            if (user == null || user.isEmpty()) {
                throw new HostSetException("no user for " + e.host()
                        + ": the local login name is unknown; give USER@ or -u");
            }
            try {
                Target.checkUser(user);
            } catch (IllegalArgumentException ex) {
                throw new HostSetException(ex.getMessage());
            }
            int port = e.port() != null ? e.port() : portOption != null ? portOption : defaultPort;
            boolean userGiven = e.user() != null || userOption != null;
            HostEntry resolved = new HostEntry(userGiven ? user : null, e.host(), port);
            unique.putIfAbsent(List.of(user, e.host(), port), resolved);
        }
        List<HostEntry> kept = new ArrayList<>();
        for (HostEntry e : unique.values()) {
            if (!isExcluded(e)) {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            throw new HostSetException("no hosts left after -x");
        }
        return labelled(kept, localUser);
    }

    private boolean isExcluded(HostEntry e) {
        for (HostEntry x : excluded) {
            if (sameName(x.host(), e.host()) && (x.port() == null || x.port().equals(e.port()))) {
                return true;
            }
        }
        return false;
    }

    /** Host names compare without regard to case, as DNS and known_hosts do. */
    private static boolean sameName(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static List<Host> labelled(List<HostEntry> kept, String localUser) {
        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> byAuthority = new HashMap<>();
        for (HostEntry e : kept) {
            byName.merge(e.host(), 1, Integer::sum);
            byAuthority.merge(Target.authority(e.host(), e.port()), 1, Integer::sum);
        }
        List<Host> hosts = new ArrayList<>();
        for (HostEntry e : kept) {
            String authority = Target.authority(e.host(), e.port());
            boolean given = e.user() != null;
            String user = given ? e.user() : localUser;
            String label = byName.get(e.host()) == 1 ? e.host()
                    : byAuthority.get(authority) == 1 ? authority : user + "@" + authority;
            hosts.add(new Host(label, user, given, e.host(), e.port()));
        }
        return hosts;
    }

    private void checkCount() {
        if (included.size() > NamePattern.MAX_HOSTS) {
            throw new HostSetException("more than " + NamePattern.MAX_HOSTS + " hosts named");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage().replace('\n', ' ');
    }
}
