package dev.rshell.client.trust;

import dev.rshell.client.connect.ServerTrust;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.Target;
import dev.rshell.common.tls.ServerNotTrustedException;
import dev.rshell.common.tls.TlsContexts;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust by CA ({@code --truststore FILE}): the server's certificate must chain to a certificate
 * in the trust store (standard PKIX) and be issued for the host name or address the user typed
 * (HTTPS rules, RFC 2818). {@code known_hosts} is neither read nor written.
 *
 * <p>PKIX's refusals are turned into {@link ServerNotTrustedException}s with a reason a user can
 * act on ("not signed by a CA in FILE", "not issued for HOST", "expired"), without class names.
 *
 * <p>Thread safety: immutable.
 */
public final class CaTrust implements ServerTrust {

    private final X509ExtendedTrustManager pkix;
    private final Path file;

    /**
     * @param trustStore from {@code KeyStores.readTrustStore}
     * @param file       where it came from, for messages
     */
    public CaTrust(KeyStore trustStore, Path file) {
        X509TrustManager tm = TlsContexts.caTrustManager(trustStore);
        if (!(tm instanceof X509ExtendedTrustManager extended)) {
            // Without the extended form JSSE would check no host name: refuse to run that way.
            throw new IllegalStateException("the PKIX trust manager cannot verify host names");
        }
        this.pkix = extended;
        this.file = file;
    }

    @Override
    public Check check(String host, int port) {
        return new Check(new Explaining(host), true);
    }

    @Override
    public String refused(String host, int port, ServerNotTrustedException refusal) throws SessionFailure {
        throw new SessionFailure(SessionFailure.Kind.TRUST, "server " + Target.authority(host, port) + " not trusted: " + refusal.reason());
    }

    /** PKIX with host name verification, refusing with a {@link ServerNotTrustedException}. */
    private final class Explaining extends X509ExtendedTrustManager {
        private final String host;

        Explaining(String host) {
            this.host = host;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw explain(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw explain(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // JSSE always calls the socket or engine form; this one could not check the host name.
            throw new CertificateException("host name verification needs the connection");
        }

        private CertificateException explain(X509Certificate[] chain, CertificateException e) {
            if (chain == null || chain.length == 0) {
                return e;
            }
            return new ServerNotTrustedException(chain[0], reason(e), e);
        }

        private String reason(CertificateException e) {
            if (causedBy(e, CertificateExpiredException.class)) {
                return "its certificate has expired";
            }
            if (causedBy(e, CertificateNotYetValidException.class)) {
                return "its certificate is not valid yet";
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "its certificate was not issued for " + host + " (host name check)";
            }
            if (causedBy(e, CertPathBuilderException.class) || causedBy(e, CertPathValidatorException.class)
                    || message.contains("PKIX")) {
                return "its certificate is not signed by a CA in --truststore " + file;
            }
            return "its certificate was refused by --truststore " + file;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("this trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this trust manager checks servers only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager checks servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
