package dev.rshell.client.fanout;

import dev.rshell.common.protocol.ExitStatus;
import java.util.Collection;

/**
 * The process status of a run over many hosts, as {@code pdsh -S} and {@code clush -S} give it:
 *
 * <table>
 *   <caption>Exit status over hosts</caption>
 *   <tr><th>status</th><th>when</th></tr>
 *   <tr><td>255</td><td>any host was unreachable, refused the login, was not trusted, broke the
 *       protocol or timed out ({@link HostOutcome#isFailureToRun()})</td></tr>
 *   <tr><td>the highest remote status</td><td>otherwise, over every host (0 when all were ok;
 *       130 for an interrupted one)</td></tr>
 * </table>
 *
 * A host that could not run never passes for a remote status: a command that itself exits 255
 * and a host that was down both give 255, but the summary tells them apart.
 *
 * <p>Thread safety: stateless.
 */
public final class FanoutStatus {

    private FanoutStatus() {
    }

    /** The status of a run with these results; 0 for none. */
    public static int of(Collection<HostResult> results) {
        int highest = ExitStatus.OK;
        for (HostResult r : results) {
            if (r.outcome().isFailureToRun()) {
                return ExitStatus.CONNECTION_FAILURE;
            }
            highest = Math.max(highest, r.outcome().remoteStatus().orElse(ExitStatus.OK));
        }
        return highest;
    }
}
