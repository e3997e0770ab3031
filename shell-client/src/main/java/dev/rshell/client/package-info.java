/**
 * The {@code rshell} command: {@link dev.rshell.client.ClientMain} (picocli root, option checks,
 * the choice of transport and server trust, the mapping from outcomes to exit statuses, and
 * {@code main}, the only place that calls {@code System.exit}), {@link dev.rshell.client.ClientIo}
 * (the process's streams, environment, terminal and prompts, injected so tests can assert exact
 * output), {@link dev.rshell.client.ClientHome} (the client's directory: {@code $RSHELL_HOME},
 * else {@code $HOME/.rshell}, with {@code known_hosts} and {@code identity.p12}),
 * {@link dev.rshell.client.Passwords} (where the login password comes from) and
 * {@link dev.rshell.client.SecretFile} (passwords read from files).
 *
 * <p>Sub-packages: {@code connect} (reaching and logging in to a server, plain or TLS),
 * {@code trust} (known_hosts, pinned fingerprints, CA trust), {@code batch} (sending a script
 * and printing its output), {@code interactive} (the JLine shell on a terminal), {@code keygen}
 * (the {@code rshell keygen} subcommand) and {@code bench} (the {@code rshell bench}
 * subcommand and its raw echo baseline).
 */
package dev.rshell.client;
