package dev.rshell.common.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the JSSE objects both sides use: {@link SSLContext}s from rshell's key material and
 * trust decisions, and {@link SSLParameters} that pin protocols and cipher suites.
 *
 * <p>The JDK's own provider, SunJSSE, is asked for by name, so a TLS provider someone added to
 * the JVM (BouncyCastle's JSSE, say) never changes what rshell negotiates.
 *
 * <p>Policy: TLS 1.3 only unless TLS 1.2 is allowed by setting (then 1.3 is still preferred).
 * Suites: the three TLS 1.3 AEAD suites, and with 1.2 only ECDHE key exchange with an AEAD cipher
 * (AES-GCM, ChaCha20-Poly1305), for ECDSA keys (what rshell generates) and RSA keys (what an
 * administrator's CA-signed keystore often holds), intersected with what this JDK supports.
 * Signature schemes, server side: {@link #SERVER_SIGNATURE_SCHEMES}, none with SHA-1, for the
 * whole JVM (a JDK 17 system property that this class sets when it loads).
 *
 * <p>Usage, server: {@code server(identity, trust)}, then for each accepted socket
 * {@code socket.setSSLParameters(serverParameters(protocols, clientAuth))}. Client:
 * {@code client(trustManager, identity)}, create the socket with the host name the user typed,
 * then {@code socket.setSSLParameters(clientParameters(protocols, host, verifyHostname))}.
 *
 * <p>Thread safety: stateless; the contexts it returns are safe to share between threads.
 */
public final class TlsContexts {

    /** The protocol name of TLS 1.3. */
    public static final String TLS_1_3 = "TLSv1.3";
    /** The protocol name of TLS 1.2. */
    public static final String TLS_1_2 = "TLSv1.2";

    private static final String PROVIDER = "SunJSSE";
    /** Never stored anywhere: only the in-memory key store handed to the key manager uses it. */
    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * The signature schemes a server offers in its CertificateRequest and may sign its own
     * handshake with: those of TLS 1.3 (RFC 8446, 4.2.3) without the SHA-1 ones. JDK 17's default
     * list adds ecdsa_sha1 and rsa_pkcs1_sha1 and, in TLS 1.2, dsa_sha1 and the SHA-224 and DSA
     * schemes; none of them is needed by an EC or RSA key, which is all the suites above serve.
     */
    static final List<String> SERVER_SIGNATURE_SCHEMES = List.of(
            "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
            "ed25519", "ed448",
            "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
            "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
            "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512");

    static {
        // SunJSSE reads both properties once, when its server-side code first runs, so they are
        // set here, before any server context exists, and not left to launcher flags a user
        // could drop. They change the server side only; the client keeps the JDK's defaults.
        // A TLS 1.2 client may otherwise renegotiate without end, each round costing the server a
        // full handshake (about 10 ms of CPU). TLS 1.3 has no renegotiation at all.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        // Java 17 has no SSLParameters.setSignatureSchemes (that came in 19); this property
        // (JDK-8242141, in 17) is the only way to narrow the server side's list.
        System.setProperty("jdk.tls.server.SignatureSchemes", String.join(",", SERVER_SIGNATURE_SCHEMES));
    }

    private TlsContexts() {
    }

    /** {@code [TLSv1.3]}, or {@code [TLSv1.3, TLSv1.2]} when TLS 1.2 is allowed. */
    public static List<String> protocols(boolean allowTls12) {
        return allowTls12 ? List.of(TLS_1_3, TLS_1_2) : List.of(TLS_1_3);
    }

    /**
     * A server context presenting {@code identity} and accepting client certificates as
     * {@code clientTrust} says. Whether certificates are asked for at all is
     * {@link #serverParameters}' {@link ClientAuth}.
     */
    public static SSLContext server(ServerIdentity identity, TrustSpec clientTrust) {
        Objects.requireNonNull(clientTrust, "clientTrust");
        TrustManager trust = clientTrust instanceof TrustSpec.CaCertificates
                ? caTrustManager(((TrustSpec.CaCertificates) clientTrust).trustStore())
                : new AnyClientCertificateTrustManager();
        return context(keyManagers(identity.keyMaterial()), trust);
    }

    /**
     * A client context.
     *
     * @param trust    decides whether the server is trusted: a {@link PinningTrustManager}, or
     *                 {@link #caTrustManager} for CA-signed servers
     * @param identity the client certificate to present when the server asks for one
     */
    public static SSLContext client(X509TrustManager trust, Optional<KeyMaterial> identity) {
        Objects.requireNonNull(trust, "trust");
        // Not keyManagers(): the client starts once per command line, and the factory's key
        // store would cost two PBKDF2 runs at every start (see SingleKeyManager).
        KeyManager[] keys = identity.<KeyManager[]>map(k -> new KeyManager[] {new SingleKeyManager(k)})
                .orElse(new KeyManager[0]);
        return context(keys, trust);
    }

    /**
     * Standard PKIX validation against the certificates in {@code trustStore} (see
     * {@link KeyStores#readTrustStore}). On the client, pair it with
     * {@code clientParameters(…, verifyHostname = true)}: PKIX alone proves the CA signed the
     * certificate, not that it was issued for the host being contacted.
     */
    public static X509TrustManager caTrustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", PROVIDER);
            factory.init(trustStore);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return (X509TrustManager) tm;
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory made no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Parameters for one server-side socket or engine.
     *
     * @param protocols  from {@link #protocols(boolean)}; only TLSv1.3 and TLSv1.2 are allowed
     * @param clientAuth whether to ask for (or demand) a client certificate
     */
    public static SSLParameters serverParameters(List<String> protocols, ClientAuth clientAuth) {
        SSLParameters params = common(protocols);
        // Our list is ordered strongest first; let the server's order win over the client's.
        params.setUseCipherSuitesOrder(true);
        switch (clientAuth) {
            case REQUIRED -> params.setNeedClientAuth(true);
            case OPTIONAL -> params.setWantClientAuth(true);
            case NONE -> {
                params.setNeedClientAuth(false);
                params.setWantClientAuth(false);
            }
            default -> throw new IllegalArgumentException("unknown client auth: " + clientAuth);
        }
        return params;
    }

    /**
     * Parameters for one client-side socket or engine.
     *
     * @param host           the server's name as the user gave it; a DNS name is sent as SNI
     *                       (an IP literal never is, as RFC 6066 says); may be null
     * @param verifyHostname check that the certificate was issued for {@code host} (HTTPS rules,
     *                       RFC 2818): on for CA trust; off for pinned fingerprints, where the
     *                       pin already names the exact certificate
     */
    public static SSLParameters clientParameters(List<String> protocols, String host, boolean verifyHostname) {
        SSLParameters params = common(protocols);
        if (host != null && !HostNames.isIpLiteral(host)) {
            try {
                params.setServerNames(List.of(new SNIHostName(HostNames.dnsName(host))));
            } catch (IllegalArgumentException notSniSafe) {
                // e.g. a LAN name with '_': SNI is optional, so the handshake goes on without it.
            }
        }
        params.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        return params;
    }

    /**
     * The cipher suites enabled for {@code protocols}: the TLS 1.3 suites, plus the ECDHE+AEAD
     * TLS 1.2 suites when TLS 1.2 is among them; only those this JDK supports, strongest first.
     */
    public static List<String> cipherSuites(List<String> protocols) {
        List<String> wanted = new ArrayList<>(TLS13_SUITES);
        if (protocols.contains(TLS_1_2)) {
            wanted.addAll(TLS12_SUITES);
        }
        Set<String> supported = Supported.CIPHER_SUITES;
        wanted.removeIf(suite -> !supported.contains(suite));
        return List.copyOf(wanted);
    }

    private static SSLParameters common(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no TLS protocol enabled");
        }
        for (String p : protocols) {
            if (!p.equals(TLS_1_3) && !p.equals(TLS_1_2)) {
                throw new IllegalArgumentException("unsupported TLS protocol: " + p
                        + " (allowed: " + TLS_1_3 + ", " + TLS_1_2 + ")");
            }
        }
        SSLParameters params = new SSLParameters();
        params.setProtocols(protocols.toArray(new String[0]));
        params.setCipherSuites(cipherSuites(protocols).toArray(new String[0]));
        return params;
    }

    private static KeyManager[] keyManagers(KeyMaterial key) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", PROVIDER);
            factory.init(KeyStores.inMemory(key, IN_MEMORY_PASSWORD), IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a key manager: " + e, e);
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS", PROVIDER);
            context.init(keys, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e, e);
        }
    }

    /** What this JDK's SunJSSE can do, computed once. */
    private static final class Supported {
        static final Set<String> CIPHER_SUITES = load();

        private static Set<String> load() {
            try {
                SSLContext context = SSLContext.getInstance("TLS", PROVIDER);
                // Empty managers: no need to read the JDK's cacerts just to list suites.
                context.init(new KeyManager[0], new TrustManager[0], null);
                return new HashSet<>(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SunJSSE is not available: " + e, e);
            }
        }
    }
}
