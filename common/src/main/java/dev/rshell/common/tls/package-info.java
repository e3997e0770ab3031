/**
 * rshell's TLS machinery, shared by server and client; no connection logic lives here.
 *
 * <ul>
 *   <li>Identities: {@link dev.rshell.common.tls.SelfSignedCertificate} generates an EC P-256
 *       key and self-signed certificate (BouncyCastle ASN.1, no bcpkix);
 *       {@link dev.rshell.common.tls.KeyStores} reads and writes PKCS#12 files atomically and
 *       owner-only; {@link dev.rshell.common.tls.ServerIdentity} is the server's key, created on
 *       first start and stable after; {@link dev.rshell.common.tls.KeyMaterial} is a key with
 *       its chain.</li>
 *   <li>Fingerprints: {@link dev.rshell.common.tls.Fingerprints}, {@code SHA256:} + base64 as
 *       ssh prints them.</li>
 *   <li>Contexts: {@link dev.rshell.common.tls.TlsContexts} builds SunJSSE contexts and
 *       parameters (TLS 1.3, optionally 1.2 with ECDHE+AEAD suites only).</li>
 *   <li>Trust: the client trusts a server by fingerprint through
 *       {@link dev.rshell.common.tls.PinningTrustManager} and a
 *       {@link dev.rshell.common.tls.HostKeyVerifier} (known_hosts, first contact), or by CA with
 *       host name verification; a refusal surfaces as
 *       {@link dev.rshell.common.tls.ServerNotTrustedException}. The server accepts client
 *       certificates as {@link dev.rshell.common.tls.TrustSpec} says and maps them to users by
 *       fingerprint itself.</li>
 *   <li>Detection: {@link dev.rshell.common.tls.TlsDetect} tells a TLS client from a plain one by
 *       its first byte.</li>
 * </ul>
 *
 * <p>Closing (JDK 17, TLS 1.3, measured): {@code SSLSocket.close()} waits for the peer's
 * close_notify for up to the socket's {@code SO_TIMEOUT} when that is non-zero (with
 * {@code SO_TIMEOUT} 0 it returns at once). Code that closes a connection the peer still holds
 * open should set a short timeout first, or the close blocks that long.
 *
 * <p>User mistakes (missing file, wrong password, unprotected key) are
 * {@link dev.rshell.common.tls.TlsConfigException}s with one-line messages naming the file.
 */
package dev.rshell.common.tls;
