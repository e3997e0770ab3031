package dev.rshell.client.keygen;

import dev.rshell.client.ClientHome;
import dev.rshell.client.ClientIo;
import dev.rshell.client.SecretFile;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.KeyStores;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.TlsConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rshell keygen}: makes a client identity for certificate login, an EC P-256 key and a
 * self-signed certificate ({@link SelfSignedCertificate#forClient}), into a PKCS#12 file
 * (default {@code ~/.rshell/identity.p12}, owner-only) and the certificate alone as PEM next to
 * it ({@code identity.crt}, for the server's administrator). Prints the fingerprint and the
 * {@code rshell-server user cert} command that maps it to a user.
 *
 * <p>Exit statuses: 0 done; 1 a file could not be read or written, or exists (without
 * {@code --force}); 2 usage. Every error is one line.
 *
 * <p>Thread safety: one instance per run, used by the main thread.
 */
@Command(name = "keygen", sortOptions = false,
        header = "Makes a client key and certificate for certificate login (rshell --identity).",
        customSynopsis = "rshell keygen [--out FILE] [--name CN] [--password-file FILE] [--force]",
        description = {
            "The key (EC P-256) and its self-signed certificate go to a PKCS#12 file readable "
                + "only by you; the certificate alone goes next to it as FILE.crt (PEM). Prints "
                + "the fingerprint and the command the server's administrator runs to map it to "
                + "a user. Then connect with rshell --identity FILE.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the files were written",
            "1:a file exists (see --force) or could not be read or written",
            "2:usage error"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  RSHELL_IDENTITY_PASSWORD   the file's password, when --password-file is not",
            "                             given",
            "  RSHELL_HOME                the client's directory (default: $HOME/.rshell)"})
public final class KeygenCommand implements Callable<Integer> {

    /** The environment variable with the identity file's password. */
    public static final String PASSWORD_ENV = "RSHELL_IDENTITY_PASSWORD";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Where to write the key and certificate (PKCS#12). Default: "
                    + "identity.p12 in the client's directory ($RSHELL_HOME, else ~/.rshell).")
    private Path out;

    @Option(names = {"-n", "--name"}, paramLabel = "CN",
            description = "The certificate's common name, a label for people "
                    + "(default: LOCAL-USER@HOSTNAME). The server trusts the fingerprint, not this name.")
    private String name;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Protect the file with the password on the first line of FILE. Otherwise "
                    + PASSWORD_ENV + ", otherwise an empty password: then only the file's "
                    + "permissions protect the key, as with ssh-keygen -N ''.")
    private Path passwordFile;

    @Option(names = {"-f", "--force"}, description = "Replace FILE and FILE.crt if they exist.")
    private boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final ClientIo io;

    public KeygenCommand(ClientIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        String cn = name != null ? name : defaultName();
        if (cn.isBlank() || cn.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            return fail(ExitStatus.USAGE, "bad --name \"" + cn + "\": must be text without control characters"
                    + " (try rshell keygen --help)");
        }
        Path p12 = out != null ? out : ClientHome.defaultIdentity(io.env());
        Path crt = certificateFile(p12);
        char[] password;
        try {
            password = password();
        } catch (SecretFile.Unreadable e) {
            return fail(ExitStatus.FAILURE, e.getMessage());
        }
        if (!force) {
            for (Path f : new Path[] {p12, crt}) {
                if (Files.exists(f)) {
                    return fail(ExitStatus.FAILURE, f + " exists; use --force to replace it");
                }
            }
        }
        Path dir = p12.toAbsolutePath().getParent();
        try {
            ClientHome.createPrivateDirectory(dir);
        } catch (IOException e) {
            return fail(ExitStatus.FAILURE, "can't create " + dir + ": " + describe(e));
        }
        KeyMaterial key = SelfSignedCertificate.forClient(cn);
        try {
            if (force) {
                KeyStores.write(p12, key, password);
            } else if (!KeyStores.createIfAbsent(p12, key, password)) {
                return fail(ExitStatus.FAILURE, p12 + " exists; use --force to replace it");
            }
        } catch (TlsConfigException e) {
            return fail(ExitStatus.FAILURE, e.getMessage());
        }
        try {
            writeCertificate(crt, key.certificate());
        } catch (IOException e) {
            return fail(ExitStatus.FAILURE, "can't write " + crt + ": " + describe(e));
        }
        report(p12, crt, key.fingerprint());
        return ExitStatus.OK;
    }

    /** {@code identity.p12} becomes {@code identity.crt}; any other name gets {@code .crt} added. */
    static Path certificateFile(Path p12) {
        String file = p12.getFileName().toString();
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        String base = lower.endsWith(".p12") || lower.endsWith(".pfx") ? file.substring(0, file.length() - 4) : file;
        return p12.resolveSibling(base + ".crt");
    }

    /** The certificate as PEM, as openssl writes it: base64 in lines of 64. */
    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a generated certificate has an encoding", e);
        }
    }

    private void report(Path p12, Path crt, String fingerprint) {
        String user = io.localUser() == null || io.localUser().isBlank() ? "USER" : io.localUser();
        io.out().print("Wrote the key and certificate to " + p12 + " (keep it private)\n"
                + "and the certificate alone to " + crt + " (for the server's administrator).\n"
                + "Fingerprint: " + fingerprint + "\n"
                + "To let it log in as " + user + ", the server's administrator runs:\n"
                + "  rshell-server user cert " + user + " " + crt + "\n"
                + "or, with the fingerprint alone:\n"
                + "  rshell-server user cert " + user + " " + fingerprint + "\n"
                + "Then connect with: rshell --identity " + p12 + " HOST\n");
        io.out().flush();
    }

    private void writeCertificate(Path crt, X509Certificate cert) throws IOException {
        byte[] text = pem(cert).getBytes(StandardCharsets.US_ASCII);
        Path dir = crt.toAbsolutePath().getParent();
        FileAttribute<?>[] attrs = ClientHome.posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + crt.getFileName() + ".", ".tmp", attrs);
        try {
            Files.write(tmp, text);
            if (force) {
                Files.move(tmp, crt, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try {
                    Files.createLink(crt, tmp);
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(tmp, crt, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("it exists; use --force to replace it");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private char[] password() throws SecretFile.Unreadable {
        if (passwordFile != null) {
            return SecretFile.firstLine(passwordFile, "--password-file").toCharArray();
        }
        String env = io.env().get(PASSWORD_ENV);
        return env != null ? env.toCharArray() : new char[0];
    }

    private String defaultName() {
        String user = io.localUser() == null || io.localUser().isBlank() ? "rshell" : io.localUser();
        String host = io.env().get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return user + "@" + host;
    }

    private int fail(int status, String message) {
        io.err().print("rshell keygen: " + message + "\n");
        io.err().flush();
        return status;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage().replace('\n', ' ');
    }
}
