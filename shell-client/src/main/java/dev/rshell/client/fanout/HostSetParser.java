package dev.rshell.client.fanout;

import dev.rshell.client.connect.Target;
import dev.rshell.config.source.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a host set: comma-separated members, each {@code [USER@]HOSTS[:PORT]} or
 * {@code [USER@]@GROUP[:PORT]}.
 *
 * <ul>
 *   <li>{@code HOSTS} is a name with ranges ({@link NamePattern}): {@code web[01-20]},
 *       {@code 10.0.0.[1-9]}, {@code r[1-2]n[1-3]}; an IPv6 address in brackets
 *       ({@code [::1]:7022}) is an address, not a range. Each name is then read as
 *       {@link Target} reads one host, so the rules for names, IPv6 and ports are the same as
 *       for one host.</li>
 *   <li>{@code @GROUP} names a group of the {@link GroupsFile}; groups may name groups.</li>
 *   <li>A member's {@code USER@} and {@code :PORT} apply to every host it names, unless a host
 *       inside its group carries its own: {@code alice@127.0.0.[1-3]:7022},
 *       {@code alice@@lab:7022}. They apply to that member only, not to the rest of a comma
 *       list (for everyone, use {@code -u} and {@code -p}).</li>
 * </ul>
 *
 * <p>Errors ({@link HostSetException}) name what is wrong: the bad range, an empty member, an
 * unknown group, an empty group (with its file and line), a cycle of groups (with the file and
 * the line of the group that closes it, and the chain).
 *
 * <p>The groups file is read the first time a group is named, not before.
 *
 * <p>Thread safety: not thread-safe; one parser per command line.
 */
public final class HostSetParser {

    private final Supplier<GroupsFile> groupsSource;
    private GroupsFile groups;

    /** @param groups reads the groups file; called at most once, when a group is first named */
    public HostSetParser(Supplier<GroupsFile> groups) {
        this.groupsSource = groups;
    }

    /**
     * The hosts {@code set} names, in the order written (duplicates kept: the caller dedupes).
     *
     * @throws HostSetException naming what is wrong
     */
    public List<HostEntry> parse(String set) {
        List<HostEntry> out = new ArrayList<>();
        List<String> members = splitMembers(set);
        for (String member : members) {
            member(member, null, null, new ArrayDeque<>(), out);
            if (out.size() > NamePattern.MAX_HOSTS) {
                throw new HostSetException("host set " + Text.quote(set) + " names more than "
                        + NamePattern.MAX_HOSTS + " hosts");
            }
        }
        return out;
    }

    /** Members separated by commas outside brackets; an empty one is an error. */
    static List<String> splitMembers(String set) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= set.length(); i++) {
            char c = i < set.length() ? set.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && (depth == 0 || i == set.length())) {
                String member = set.substring(start, i).strip();
                if (member.isEmpty()) {
                    throw new HostSetException(set.isBlank() ? "empty host set"
                            : "empty host in host set " + Text.quote(set));
                }
                out.add(member);
                start = i + 1;
            }
        }
        return out;
    }

    private void member(String member, String inheritedUser, Integer inheritedPort, Deque<GroupsFile.Group> stack,
                        List<HostEntry> out) {
        String user = null;
        String rest = member;
        int groupAt = member.indexOf("@@");
        if (groupAt > 0) {
            user = member.substring(0, groupAt);
            rest = member.substring(groupAt + 1);
        } else if (!member.startsWith("@")) {
            int at = member.lastIndexOf('@');
            if (at >= 0) {
                user = member.substring(0, at);
                rest = member.substring(at + 1);
            }
        }
        if (user != null) {
            try {
                Target.checkUser(user);
            } catch (IllegalArgumentException e) {
                throw new HostSetException(e.getMessage() + " in " + Text.quote(member));
            }
        }
        String u = user != null ? user : inheritedUser;
        if (rest.startsWith("@")) {
            group(rest.substring(1), member, u, inheritedPort, stack, out);
            return;
        }
        if (rest.startsWith("[") && rest.indexOf(']') > 0 && rest.substring(0, rest.indexOf(']')).indexOf(':') >= 0) {
            out.add(entry(rest, member, u, inheritedPort)); // [v6-address]:port
            return;
        }
        for (String name : NamePattern.expand(rest)) {
            out.add(entry(name, member, u, inheritedPort));
        }
    }

    private static HostEntry entry(String hostAndPort, String member, String user, Integer inheritedPort) {
        Target t;
        try {
            t = Target.parse(hostAndPort);
        } catch (IllegalArgumentException e) {
            throw new HostSetException(e.getMessage()
                    + (hostAndPort.equals(member) ? "" : " (from " + Text.quote(member) + ")"));
        }
        if (t.host().indexOf('/') >= 0) {
            // Host names become file names (--outdir): a slash would leave the directory.
            throw new HostSetException("bad host name " + Text.quote(t.host()) + ": no '/' in host names");
        }
        return new HostEntry(user, t.host(), t.port() != null ? t.port() : inheritedPort);
    }

    private void group(String ref, String member, String user, Integer inheritedPort, Deque<GroupsFile.Group> stack,
                       List<HostEntry> out) {
        String name = ref;
        Integer port = inheritedPort;
        int colon = ref.indexOf(':');
        if (colon >= 0) {
            name = ref.substring(0, colon);
            try {
                port = Target.parsePort(ref.substring(colon + 1), "in " + Text.quote(member));
            } catch (IllegalArgumentException e) {
                throw new HostSetException(e.getMessage());
            }
        }
        if (!GroupsFile.validName(name)) {
            throw new HostSetException("bad group name " + Text.quote(name) + " in " + Text.quote(member)
                    + " (letters, digits, _ . -)");
        }
        GroupsFile file = groups();
        String from = stack.isEmpty() ? "" : file.file() + ":" + stack.peek().line() + ": ";
        GroupsFile.Group group = file.group(name).orElse(null);
        if (group == null) {
            throw new HostSetException(from + "unknown group @" + name + (!stack.isEmpty() ? ""
                    : file.exists() ? " (not in " + file.file() + ")" : ": no groups file " + file.file()));
        }
        for (GroupsFile.Group open : stack) {
            if (open.name().equals(name)) {
                throw new HostSetException(from + "group cycle: " + chain(stack, name));
            }
        }
        if (group.members().isEmpty()) {
            throw new HostSetException("group @" + name + " is empty (" + file.file() + ":" + group.line() + ")");
        }
        stack.push(group);
        for (String inner : group.members()) {
            member(inner, user, port, stack, out);
            if (out.size() > NamePattern.MAX_HOSTS) {
                throw new HostSetException("group @" + name + " names more than " + NamePattern.MAX_HOSTS + " hosts");
            }
        }
        stack.pop();
    }

    /** {@code @a -> @b -> @a}: the open groups from the outermost, then the one named again. */
    private static String chain(Deque<GroupsFile.Group> stack, String again) {
        StringBuilder b = new StringBuilder();
        Iterator<GroupsFile.Group> outermostFirst = stack.descendingIterator();
        while (outermostFirst.hasNext()) {
            b.append('@').append(outermostFirst.next().name()).append(" -> ");
        }
        return b.append('@').append(again).toString();
    }

    private GroupsFile groups() {
        if (groups == null) {
            groups = groupsSource.get();
        }
        return groups;
    }
}
