/**
 * Whether the client trusts the TLS server it reached: the implementations of
 * {@link dev.rshell.client.connect.ServerTrust} that {@link dev.rshell.client.connect.TlsTransport}
 * consults.
 *
 * <p>Key types: {@link dev.rshell.client.trust.KnownHosts} (the {@code known_hosts} file: format,
 * lookup, locked append), {@link dev.rshell.client.trust.KnownHostsTrust} (the default: known
 * servers by fingerprint, first contact on a terminal or with {@code --accept-new}, a changed
 * certificate refused loudly every time), {@link dev.rshell.client.trust.PinnedTrust}
 * ({@code --fingerprint}) and {@link dev.rshell.client.trust.CaTrust} ({@code --truststore}: PKIX
 * and host name verification). Every refusal is a one-line
 * {@link dev.rshell.client.connect.SessionFailure} (status 255); only a changed certificate
 * prints a longer warning before it.
 */
package dev.rshell.client.trust;
