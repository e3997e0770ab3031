package dev.rshell.client.fanout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds each host's output until the end, for {@code -b}/{@code --gather} and {@code --diff}:
 * hosts with the same stdout, stderr and status are then shown once ({@link #groups()},
 * printed by {@link FoldedPrinter}).
 *
 * <p>Memory is bounded per host by the gather limit ({@code --gather-limit}, default
 * {@value #DEFAULT_LIMIT} bytes, counted as UTF-8 plus one per line break): past it, that
 * host's further lines are dropped and its group says the output was cut. So the whole gather
 * holds at most hosts &times; limit bytes of text.
 *
 * <p>Which hosts: those that logged in. A host that never got that far has no output to show;
 * the summary accounts for it.
 *
 * <p>Thread safety: the per-host buffers are guarded by their own monitors, the map is
 * concurrent; {@link #groups()} is for after the run (its results are consistent at any time).
 */
public final class Gatherer implements FanoutOutput {

    /** {@code --gather-limit}'s default: 4 MiB a host. */
    public static final long DEFAULT_LIMIT = 4L << 20;

    private final long limit;
    private final Map<Host, Buffer> buffers = new ConcurrentHashMap<>();
    private final Map<Host, HostResult> results = new ConcurrentHashMap<>();

    /** @param limit the most bytes kept per host ({@code --gather-limit}), at least 1 */
    public Gatherer(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the gather limit must be at least 1 byte: " + limit);
        }
        this.limit = limit;
    }

    /** The limit, for messages. */
    public long limit() {
        return limit;
    }

    @Override
    public void loggedIn(Host host) {
        buffers.computeIfAbsent(host, h -> new Buffer());
    }

    @Override
    public void line(Host host, HostStream stream, String text) {
        buffers.computeIfAbsent(host, h -> new Buffer()).add(new GatheredLine(stream, text), limit);
    }

    @Override
    public void ended(HostResult result) {
        results.put(result.host(), result);
    }

    /** Whether {@code host}'s output was cut at the limit. */
    public boolean wasCut(Host host) {
        Buffer b = buffers.get(host);
        return b != null && b.cut();
    }

    /**
     * Hosts grouped by identical output and outcome (kind and status), largest group first,
     * ties by their first host; only hosts that logged in and ended.
     */
    public List<OutputGroup> groups() {
        Map<List<Object>, List<Host>> byKey = new LinkedHashMap<>();
        Map<List<Object>, HostResult> first = new LinkedHashMap<>();
        List<Host> hosts = new ArrayList<>(buffers.keySet());
        hosts.sort(Comparator.comparing(Host::label, HostOrder.NATURAL));
        for (Host host : hosts) {
            HostResult result = results.get(host);
            if (result == null) {
                continue;
            }
            Buffer b = buffers.get(host);
            List<Object> key = List.of(b.lines(), b.cut(), result.outcome().kind(),
                    result.outcome().remoteStatus());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(host);
            first.putIfAbsent(key, result);
        }
        List<OutputGroup> groups = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Host>> e : byKey.entrySet()) {
            Buffer b = buffers.get(e.getValue().get(0));
            groups.add(new OutputGroup(e.getValue(), b.lines(), b.cut(), first.get(e.getKey()).outcome()));
        }
        groups.sort(Comparator.comparingInt((OutputGroup g) -> -g.hosts().size())
                .thenComparing(g -> g.hosts().get(0).label(), HostOrder.NATURAL));
        return groups;
    }

    /** One host's lines, bounded. */
    private static final class Buffer {
        private final List<GatheredLine> lines = new ArrayList<>();
        private long bytes;
        private boolean cut;

        synchronized void add(GatheredLine line, long limit) {
            if (cut) {
                return;
            }
            long size = utf8Length(line.text()) + 1;
            if (bytes + size > limit) {
                cut = true;
                return;
            }
            bytes += size;
            lines.add(line);
        }

        synchronized List<GatheredLine> lines() {
            return List.copyOf(lines);
        }

        synchronized boolean cut() {
            return cut;
        }
    }

    /** The length of {@code s} in UTF-8, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
