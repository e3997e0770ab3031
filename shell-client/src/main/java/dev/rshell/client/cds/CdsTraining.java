package dev.rshell.client.cds;

import dev.rshell.client.ClientIo;
import dev.rshell.client.ClientMain;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.common.protocol.codec.LineWriter;
import dev.rshell.common.tls.ClientAuth;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.KeyStores;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsConfigException;
import dev.rshell.common.tls.TlsContexts;
import dev.rshell.common.tls.TrustSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The training run for the client's AppCDS archive: runs the client in this process the way a
 * one-shot call runs it ({@code rshell --fingerprint FP --identity FILE -c 'echo hi' -f SCRIPT
 * USER@127.0.0.1:PORT}), against a minimal rshell server on a loopback port of this process
 * that logs the certificate in and answers every command with its own text. Run by
 * {@code bin/rshell} with {@code -XX:ArchiveClassesAtExit}; it needs no server, no network
 * beyond 127.0.0.1 and no file outside a temporary directory, which it removes.
 *
 * <p>{@code --check} exits at once with 0: the launcher runs it with {@code -Xshare:on} to
 * prove that a new archive maps before it puts the archive in place.
 *
 * <p>Exit status: 0 when the client's run succeeded; 1 otherwise (one line on stderr), so the
 * launcher keeps no archive of a run that went wrong.
 *
 * <p>Thread safety: {@code main} runs once; the server thread shares nothing with it but the
 * socket.
 */
public final class CdsTraining {

    private static final String USER = "training";

    private CdsTraining() {
    }

    /** See the class comment. The only {@code System.exit} of this entry point. */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--check")) {
            System.exit(0);
        }
        int status;
        try {
            status = train();
        } catch (IOException | TlsConfigException | RuntimeException e) {
            System.err.println("rshell: training run failed: " + e);
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        System.exit(status);
    }

    private static int train() throws IOException, TlsConfigException, InterruptedException {
        Path dir = Files.createTempDirectory("rshell-cds-training");
        try {
            ServerIdentity server = ServerIdentity.of(
                    SelfSignedCertificate.forServer("localhost", List.of("127.0.0.1")));
            KeyMaterial client = SelfSignedCertificate.forClient(USER);
            Path identity = dir.resolve("identity.p12");
            // Written as rshell keygen writes it, so the run reads it the way users' runs do.
            KeyStores.write(identity, client, new char[0]);
            Path script = Files.writeString(dir.resolve("script.rsh"), "cd /tmp\npwd\necho two words\n");
            try (SSLServerSocket listener = listen(server)) {
                Thread serving = new Thread(() -> serve(listener), "rshell-training-server");
                serving.setDaemon(true);
                serving.start();
                // The class comment's call, through the client's real entry point.
                String[] args = {"--fingerprint", server.fingerprint(), "--identity", identity.toString(),
                    "-c", "echo hi", "-f", script.toString(),
                    USER + "@127.0.0.1:" + listener.getLocalPort()};
                PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
                ClientIo io = new ClientIo(new ByteArrayInputStream(new byte[0]), discard, System.err,
                        Map.of("HOME", dir.toString(), "RSHELL_HOME", dir.resolve(".rshell").toString()),
                        USER, false, prompt -> null);
                int status = ClientMain.run(args, io);
                serving.join(5_000);
                return status == 0 ? 0 : 1;
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static SSLServerSocket listen(ServerIdentity identity) throws IOException {
        SSLServerSocket s = (SSLServerSocket) TlsContexts.server(identity, TrustSpec.anyValidCertificate())
                .getServerSocketFactory().createServerSocket();
        try {
            s.setSSLParameters(TlsContexts.serverParameters(TlsContexts.protocols(false), ClientAuth.OPTIONAL));
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** One connection: hello with the user (a certificate login), then every command echoed. */
    private static void serve(SSLServerSocket listener) {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(30_000);
            LineReader in = new LineReader(socket.getInputStream(), 1 << 16);
            LineWriter out = new LineWriter(socket.getOutputStream());
            out.write(new ServerLine.Hello(Protocol.VERSION, "training", List.of("password"), USER).toWire());
            out.flush();
            long command = 0;
            for (LineReader.Line line = in.readLine(); line != null; line = in.readLine()) {
                String text = line.text();
                if (ClientLine.classify(text) instanceof ClientLine.Quit) {
                    out.write(new ServerLine.Bye("goodbye").toWire());
                    out.flush();
                    return;
                }
                command++;
                out.write(new ServerLine.Out(command, text).toWire());
                out.write(new ServerLine.End(command, 0).toWire());
                out.flush();
            }
        } catch (IOException e) {
            // The client reports what went wrong; its status decides the training's.
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
