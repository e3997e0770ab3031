package dev.rshell.common.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
// Explicit: java.security.cert.Extension has the same simple name.
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Makes an EC P-256 key pair and a self-signed X.509 v3 certificate for it: the server's
 * first-start identity, or a client's identity for certificate login ({@code rshell keygen}).
 *
 * <p>Only BouncyCastle's ASN.1 classes are used (no bcpkix): the to-be-signed part is built with
 * {@link V3TBSCertificateGenerator}, signed with the JDK's {@code SHA256withECDSA}, and the
 * result is parsed back with the JDK's {@link CertificateFactory}, so what callers get is an
 * ordinary JDK certificate.
 *
 * <p>The certificate is an end-entity certificate: BasicConstraints {@code CA=false} (critical),
 * KeyUsage {@code digitalSignature} (critical; ECDHE only ever signs), ExtendedKeyUsage
 * {@code serverAuth} or {@code clientAuth}, a subject key identifier, and a random positive
 * 128-bit serial. Validity starts a day in the past so that a peer whose clock is a little
 * behind does not reject a certificate made a second ago.
 *
 * <p>Thread safety: stateless; safe from any thread.
 */
public final class SelfSignedCertificate {

    /** Days a generated server certificate is valid: ten years, as the pin, not expiry, is the trust. */
    public static final int SERVER_VALID_DAYS = 3650;
    /** Days a generated client certificate is valid: about 27 months, as public CAs once allowed. */
    public static final int CLIENT_VALID_DAYS = 825;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** X.520's upper bound for a common name; the full name is still in the SAN. */
    private static final int MAX_CN = 64;

    private SelfSignedCertificate() {
    }

    /** {@link #forServer(String, List, int)} valid for {@link #SERVER_VALID_DAYS}. */
    public static KeyMaterial forServer(String hostName, List<String> sanNamesOrIps) {
        return forServer(hostName, sanNamesOrIps, SERVER_VALID_DAYS);
    }

    /**
     * A server certificate with subject and issuer {@code CN=hostName} and ExtendedKeyUsage
     * {@code serverAuth}.
     *
     * @param hostName      the server's host name; it is always in the SAN too, because
     *                      hostname verification ignores the CN once a SAN exists
     * @param sanNamesOrIps further SAN entries: IPv4/IPv6 literals become IP entries, anything
     *                      else (e.g. {@code localhost}) a DNS entry; wildcard addresses
     *                      ({@code 0.0.0.0}, {@code ::}) name no host and are skipped;
     *                      duplicates are dropped
     * @param validDays     days from now the certificate stays valid
     * @throws IllegalArgumentException when a name is not a valid host name or IP literal
     */
    public static KeyMaterial forServer(String hostName, List<String> sanNamesOrIps, int validDays) {
        List<String> names = new ArrayList<>();
        names.add(hostName);
        names.addAll(sanNamesOrIps);
        return generate(commonName(hostName), names, KeyPurposeId.id_kp_serverAuth,
                Instant.now(), Duration.ofDays(validDays));
    }

    /** {@link #forClient(String, int)} valid for {@link #CLIENT_VALID_DAYS}. */
    public static KeyMaterial forClient(String commonName) {
        return forClient(commonName, CLIENT_VALID_DAYS);
    }

    /**
     * A client certificate with subject and issuer {@code CN=commonName}, ExtendedKeyUsage
     * {@code clientAuth} and no SAN. The server trusts it by fingerprint, never by this name.
     *
     * @param commonName free text, typically {@code user@host}
     */
    public static KeyMaterial forClient(String commonName, int validDays) {
        return generate(commonName(commonName), List.of(), KeyPurposeId.id_kp_clientAuth,
                Instant.now(), Duration.ofDays(validDays));
    }

    /**
     * The general form, package-private for tests that need certificates outside their validity.
     * Validity runs from {@code now - 1 day} to {@code now + valid}.
     */
    static KeyMaterial generate(String commonName, List<String> sanNamesOrIps, KeyPurposeId purpose,
            Instant now, Duration valid) {
        if (valid.isNegative() || valid.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + valid);
        }
        GeneralNames san = subjectAltNames(sanNamesOrIps);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            // ecdsa-with-SHA256 takes no parameters (RFC 5758 section 3.2): the field is absent.
            AlgorithmIdentifier signatureAlgorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(serialNumber()));
            tbs.setSignature(signatureAlgorithm);
            tbs.setIssuer(name);
            tbs.setSubject(name);
            // Time picks UTCTime before 2050 and GeneralizedTime after, as RFC 5280 requires.
            tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
            tbs.setEndDate(new Time(Date.from(now.plus(valid))));
            tbs.setSubjectPublicKeyInfo(publicKey);

            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            extensions.addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier(publicKey));
            if (san.getNames().length > 0) {
                extensions.addExtension(Extension.subjectAlternativeName, false, san);
            }
            tbs.setExtensions(extensions.generate());
            TBSCertificate toBeSigned = tbs.generateTBSCertificate();

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate(), RANDOM);
            signer.update(toBeSigned.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(toBeSigned);
            certificate.add(signatureAlgorithm);
            certificate.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);

            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new KeyMaterial(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | IOException e) {
            // EC P-256, SHA-256 and X.509 are mandatory on every Java platform: a failure here
            // is a broken runtime, not something the user can fix.
            throw new IllegalStateException("cannot generate a certificate: " + e, e);
        }
    }

    private static GeneralNames subjectAltNames(List<String> namesOrIps) {
        Set<String> seen = new LinkedHashSet<>();
        List<GeneralName> names = new ArrayList<>();
        for (String entry : namesOrIps) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            var ip = HostNames.ipLiteral(entry);
            if (ip.isPresent()) {
                InetAddress address = ip.get();
                if (!address.isAnyLocalAddress() && seen.add("ip:" + address.getHostAddress())) {
                    names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
                }
            } else {
                String dns = HostNames.dnsName(entry);
                if (seen.add("dns:" + dns)) {
                    names.add(new GeneralName(GeneralName.dNSName, dns));
                }
            }
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static String commonName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a non-empty common name");
        }
        String cn = name.trim();
        return cn.length() <= MAX_CN ? cn : cn.substring(0, MAX_CN);
    }

    /** Positive and 128 bits of randomness, well inside RFC 5280's 20-octet limit. */
    private static BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** RFC 5280 section 4.2.1.2, method 1: SHA-1 of the subjectPublicKey bits. */
    private static SubjectKeyIdentifier keyIdentifier(SubjectPublicKeyInfo publicKey)
            throws GeneralSecurityException {
        byte[] bits = publicKey.getPublicKeyData().getBytes();
        return new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-1").digest(bits));
    }
}
