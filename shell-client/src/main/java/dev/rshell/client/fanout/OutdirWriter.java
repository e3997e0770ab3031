package dev.rshell.client.fanout;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --outdir DIR}: each host's stdout in {@code DIR/HOST.out} and stderr in
 * {@code DIR/HOST.err} (HOST is its label), written as the lines come, like {@code pssh -o}.
 *
 * <p>Both files are created (empty, replacing older ones) when the host logs in, so every host
 * that ran has both; a host that never logged in has none. They are flushed when the host's
 * reader waits and closed at its end, so only running hosts have files open: the open files are
 * bounded by {@code --fanout}.
 *
 * <p>A file that can't be written does not stop the run: that host's files are given up, and
 * the first such failure is kept for {@link #problem()}, which the caller reports.
 *
 * <p>Thread safety: per-host state is guarded by its own monitor; the map is concurrent.
 */
public final class OutdirWriter implements FanoutOutput {

    private final Path dir;
    private final Map<Host, HostFiles> open = new ConcurrentHashMap<>();
    private volatile String problem;

    /** @param dir the directory; created when missing */
    public OutdirWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** The first write failure, as one line, or {@code null}. */
    public String problem() {
        return problem;
    }

    /** {@code DIR/LABEL.out} or {@code .err}. */
    public Path file(Host host, HostStream stream) {
        return dir.resolve(host.label() + (stream == HostStream.STDOUT ? ".out" : ".err"));
    }

    @Override
    public void loggedIn(Host host) {
        files(host);
    }

    @Override
    public void line(Host host, HostStream stream, String text) {
        files(host).write(stream, text);
    }

    @Override
    public void idle(Host host) {
        HostFiles f = open.get(host);
        if (f != null) {
            f.flush();
        }
    }

    @Override
    public void ended(HostResult result) {
        // Kept (closed) rather than removed, so a stray late line can't recreate and empty the files.
        HostFiles f = open.get(result.host());
        if (f != null) {
            f.close();
        }
    }

    private HostFiles files(Host host) {
        return open.computeIfAbsent(host, HostFiles::new);
    }

    private void failed(Path file, IOException e) {
        if (problem == null) {
            problem = "can't write " + file + ": " + (e.getMessage() == null ? "I/O error" : e.getMessage());
        }
    }

    /** One host's pair of files. */
    private final class HostFiles {
        private final Host host;
        private Writer out;
        private Writer err;
        private boolean broken;

        HostFiles(Host host) {
            this.host = host;
            Path o = file(host, HostStream.STDOUT);
            Path e = file(host, HostStream.STDERR);
            try {
                out = Files.newBufferedWriter(o, StandardCharsets.UTF_8);
                err = Files.newBufferedWriter(e, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                broken = true;
                failed(out == null ? o : e, ex);
                closeQuietly();
            }
        }

        synchronized void write(HostStream stream, String text) {
            if (broken) {
                return;
            }
            try {
                (stream == HostStream.STDOUT ? out : err).write(text + "\n");
            } catch (IOException e) {
                broken = true;
                failed(file(host, stream), e);
                closeQuietly();
            }
        }

        synchronized void flush() {
            if (broken) {
                return;
            }
            try {
                out.flush();
                err.flush();
            } catch (IOException e) {
                broken = true;
                failed(file(host, HostStream.STDOUT), e);
                closeQuietly();
            }
        }

        synchronized void close() {
            if (broken) {
                return;
            }
            try {
                out.close();
                err.close();
            } catch (IOException e) {
                failed(file(host, HostStream.STDOUT), e);
                closeQuietly();
            }
            broken = true; // nothing more goes to closed files
        }

        private void closeQuietly() {
            for (Writer w : new Writer[] {out, err}) {
                if (w != null) {
                    try {
                        w.close();
                    } catch (IOException ignored) {
                        // already reported the first failure
                    }
                }
            }
        }
    }
}
