package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.Principal;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** The client's one-key manager offers its key as the PKIX factory would for one entry. */
class SingleKeyManagerTest {

    private static final KeyMaterial CLIENT = TlsTestSupport.CLIENT;
    private final SingleKeyManager manager = new SingleKeyManager(CLIENT);

    @Test
    void offersTheKeyForItsOwnAlgorithmOnly() {
        String algorithm = CLIENT.privateKey().getAlgorithm();
        assertEquals(KeyStores.ALIAS, manager.chooseClientAlias(new String[] {"RSA", algorithm}, null, null));
        assertNull(manager.chooseClientAlias(new String[] {"RSA", "RSASSA-PSS"}, null, null));
        assertNull(manager.chooseClientAlias(null, null, null));
        assertSame(CLIENT.privateKey(), manager.getPrivateKey(KeyStores.ALIAS));
        assertArrayEquals(CLIENT.chain().toArray(new X509Certificate[0]),
                manager.getCertificateChain(KeyStores.ALIAS));
        assertNull(manager.getPrivateKey("other"));
        assertNull(manager.getCertificateChain("other"));
    }

    @Test
    void aServerNamingOtherAuthoritiesGetsNoCertificate() {
        String algorithm = CLIENT.privateKey().getAlgorithm();
        Principal other = new X500Principal("CN=some CA");
        Principal ours = CLIENT.certificate().getIssuerX500Principal();
        assertNull(manager.chooseClientAlias(new String[] {algorithm}, new Principal[] {other}, null));
        assertEquals(KeyStores.ALIAS,
                manager.chooseClientAlias(new String[] {algorithm}, new Principal[] {other, ours}, null));
        assertEquals(KeyStores.ALIAS, manager.chooseClientAlias(new String[] {algorithm}, new Principal[0], null));
        assertArrayEquals(new String[] {KeyStores.ALIAS}, manager.getClientAliases(algorithm, null));
        assertNull(manager.getClientAliases(algorithm, new Principal[] {other}));
    }
}
