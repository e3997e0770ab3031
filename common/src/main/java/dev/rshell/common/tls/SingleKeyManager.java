package dev.rshell.common.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that holds one key and its chain, for the client's certificate.
 *
 * <p>Why not {@code KeyManagerFactory}: the factory only takes a {@code KeyStore}, and an
 * in-memory PKCS#12 store encrypts the key when it is put in and decrypts it when the factory
 * reads it, each with 10,000 PBKDF2 iterations: tens of milliseconds at every client start, for
 * a key that never leaves the process. This class hands JSSE the key as it is.
 *
 * <p>It offers the key as the factory's PKIX key manager would for a store of one entry: for a
 * key type equal to the key's algorithm ({@code EC}, {@code RSA}), and, when the server names
 * the certificate authorities it accepts, only if one of the chain's certificates was issued by
 * one of them (otherwise no certificate is sent, and the login falls back to a password).
 *
 * <p>Thread safety: immutable.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = KeyStores.ALIAS;

    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(KeyMaterial material) {
        Objects.requireNonNull(material, "material");
        this.key = material.privateKey();
        this.chain = material.chain().toArray(new X509Certificate[0]);
    }

    private boolean offered(String keyType, Principal[] issuers) {
        if (keyType == null || !keyType.equals(key.getAlgorithm())) {
            return false;
        }
        if (issuers == null || issuers.length == 0) {
            return true;
        }
        for (X509Certificate certificate : chain) {
            for (Principal issuer : issuers) {
                if (certificate.getIssuerX500Principal().equals(issuer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private String choose(String[] keyTypes, Principal[] issuers) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (offered(keyType, issuers)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return offered(keyType, issuers) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return offered(keyType, issuers) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return offered(keyType, issuers) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return offered(keyType, issuers) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
