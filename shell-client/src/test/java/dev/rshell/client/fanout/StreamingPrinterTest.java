package dev.rshell.client.fanout;

import static dev.rshell.client.fanout.Hosts.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming output: prefixes, streams, and whole lines under concurrency. */
class StreamingPrinterTest {

    @Test
    void prefixesAndStreams() {
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        StreamingPrinter p = new StreamingPrinter(out.stream, err.stream, true);
        p.line(host("web1"), HostStream.STDOUT, "hi");
        p.line(host("web2"), HostStream.STDERR, "oops");
        p.line(host("web1"), HostStream.STDOUT, "");
        p.finished(List.of());
        assertEquals("web1: hi\nweb1: \n", out.text());
        assertEquals("web2: oops\n", err.text());
    }

    @Test
    void noPrefix() {
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        StreamingPrinter p = new StreamingPrinter(out.stream, err.stream, false);
        p.line(host("web1"), HostStream.STDOUT, "hi");
        p.idle(host("web1"));
        assertEquals("hi\n", out.text());
    }

    /** Many threads at once, each line whole and each host's lines in its order. */
    @Test
    @Timeout(30)
    void linesAreNeverTornAcrossHosts() throws Exception {
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        StreamingPrinter p = new StreamingPrinter(out.stream, err.stream, true);
        int threads = 8;
        int lines = 2000;
        String filler = "x".repeat(300);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Host h = host("h" + t);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    p.line(h, i % 3 == 0 ? HostStream.STDERR : HostStream.STDOUT, i + " " + filler);
                }
            });
            thread.start();
            started.add(thread);
        }
        go.countDown();
        for (Thread t : started) {
            t.join();
        }
        p.finished(List.of());
        Map<String, Integer> next = new HashMap<>();
        int count = 0;
        for (String text : new String[] {out.text(), err.text()}) {
            for (String line : text.split("\n")) {
                assertTrue(line.matches("h[0-7]: [0-9]+ " + filler), "torn line: " + line);
                count++;
            }
        }
        assertEquals(threads * lines, count);
        for (String line : out.text().split("\n")) {
            String h = line.substring(0, line.indexOf(':'));
            int n = Integer.parseInt(line.substring(h.length() + 2, line.indexOf(' ', h.length() + 2)));
            assertTrue(n >= next.getOrDefault(h, 0), "out of order for " + h + ": " + n);
            next.put(h, n + 1);
        }
    }
}
