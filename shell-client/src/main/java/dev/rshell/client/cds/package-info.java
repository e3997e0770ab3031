/**
 * The training run behind the client's start-up archive: {@link dev.rshell.client.cds.CdsTraining}
 * is what {@code bin/rshell} runs once, with {@code -XX:ArchiveClassesAtExit}, to record the
 * classes a one-shot TLS run loads, so that later runs map them from an AppCDS archive instead
 * of loading, parsing and verifying them again.
 */
package dev.rshell.client.cds;
