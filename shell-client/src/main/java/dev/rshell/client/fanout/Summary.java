package dev.rshell.client.fanout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of a run over many hosts, for stderr: one line per outcome (and per status or
 * reason within it), with the count and the hosts folded, in the order of
 * {@link HostOutcome.Kind}:
 * <pre>
 * ok 18 web[01-18]
 * failed 1 web19 (status 3)
 * unreachable 1 web20 (connection refused)
 * </pre>
 *
 * <p>Reasons are shortened for the summary so that hosts failing alike share a line: the
 * {@code can't connect to HOST:PORT: } start is dropped, and the host's {@code HOST:PORT} in the
 * middle of a reason is left out or said as "the server". The full reason stays in
 * {@code --json}.
 *
 * <p>Thread safety: stateless.
 */
public final class Summary {

    private Summary() {
    }

    /** The summary's lines. */
    public static List<String> lines(List<HostResult> results) {
        Map<List<Object>, List<String>> groups = new LinkedHashMap<>();
        List<HostResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((HostResult r) -> r.outcome().kind())
                .thenComparing(r -> r.host().label(), HostOrder.NATURAL));
        for (HostResult r : sorted) {
            groups.computeIfAbsent(List.of(r.outcome().kind(), detail(r)), k -> new ArrayList<>()).add(r.host().label());
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<List<Object>, List<String>> e : groups.entrySet()) {
            HostOutcome.Kind kind = (HostOutcome.Kind) e.getKey().get(0);
            String detail = (String) e.getKey().get(1);
            lines.add(kind.word() + " " + e.getValue().size() + " " + HostFolding.fold(e.getValue())
                    + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
        return lines;
    }

    private static String detail(HostResult r) {
        HostOutcome o = r.outcome();
        if (o instanceof HostOutcome.Failed f) {
            return "status " + f.status();
        }
        if (o instanceof HostOutcome.Interrupted i) {
            return i.reason() == null ? "" : shorten(i.reason(), r.host());
        }
        return o.reason() == null ? "" : shorten(o.reason(), r.host());
    }

    /** A reason without the host in it, where that reads well; see the class comment. */
    static String shorten(String reason, Host host) {
        String a = host.authority();
        String s = reason;
        String start = "can't connect to " + a + ": ";
        if (s.startsWith(start)) {
            s = s.substring(start.length());
        }
        s = s.replace("server " + a, "server");
        for (String joint : new String[] {" from ", " by ", " to ", " with "}) {
            s = s.replace(joint + a, "");
        }
        s = s.replace(a, "the server");
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
