/**
 * {@code rshell keygen}: {@link dev.rshell.client.keygen.KeygenCommand} makes a client key and
 * self-signed certificate for certificate login, writes them owner-only as PKCS#12 and the
 * certificate alone as PEM, and prints the fingerprint and the server-side command that maps it
 * to a user. A picocli subcommand of {@link dev.rshell.client.ClientMain}.
 */
package dev.rshell.client.keygen;
