/**
 * Fan-out: one command on many servers, like ClusterShell's {@code clush} and {@code pdsh}, with
 * every host's outcome accounted for (issue 12). This package holds the building blocks; the
 * command line is wired to them in {@code dev.rshell.client.FanoutMode} (options in
 * {@code FanoutOptions}).
 *
 * <h2>Key types</h2>
 * <ul>
 *   <li>Choosing hosts: {@link dev.rshell.client.fanout.NamePattern} (ranges in one name:
 *       {@code web[01-20]}, {@code r[1-2]n[1-3]}), {@link dev.rshell.client.fanout.HostSetParser}
 *       (comma lists, {@code USER@}, {@code :PORT}, {@code @group}),
 *       {@link dev.rshell.client.fanout.GroupsFile} ({@code ~/.rshell/groups}),
 *       {@link dev.rshell.client.fanout.HostSelection} (target, {@code -H}, {@code --hosts-file},
 *       {@code -x}, defaults, unique labels) giving {@link dev.rshell.client.fanout.Host}s;
 *       {@link dev.rshell.client.fanout.HostFolding} folds names back ({@code web[01-05,07]});
 *       every error is a one-line {@link dev.rshell.client.fanout.HostSetException} (status 2).</li>
 *   <li>Running: {@link dev.rshell.client.fanout.FanoutRunner} (a bounded pool; one
 *       {@code ClientSession} per host through {@link dev.rshell.client.fanout.HostConnector};
 *       {@link dev.rshell.client.fanout.FanoutSettings}; {@code interruptAll()} for Ctrl-C),
 *       {@link dev.rshell.client.fanout.HostInput} (the hook for standard input),
 *       {@link dev.rshell.client.fanout.SharedPassword} (one password for all hosts).</li>
 *   <li>Outcomes: {@link dev.rshell.client.fanout.HostOutcome} (ok, failed, timed out,
 *       interrupted, unreachable, login refused, not trusted, protocol error),
 *       {@link dev.rshell.client.fanout.HostResult}, {@link dev.rshell.client.fanout.FanoutResult},
 *       and {@link dev.rshell.client.fanout.FanoutStatus} (the highest remote status; 255 when a
 *       host could not run).</li>
 *   <li>Output, all {@link dev.rshell.client.fanout.FanoutOutput}s:
 *       {@link dev.rshell.client.fanout.StreamingPrinter} ({@code host: line}),
 *       {@link dev.rshell.client.fanout.Gatherer} with {@link dev.rshell.client.fanout.FoldedPrinter}
 *       ({@code -b}, {@code --diff}, using {@link dev.rshell.client.fanout.LineDiff}),
 *       {@link dev.rshell.client.fanout.JsonLinesWriter} ({@code --json}),
 *       {@link dev.rshell.client.fanout.OutdirWriter} ({@code --outdir}); and
 *       {@link dev.rshell.client.fanout.Summary} (stderr, at the end).</li>
 * </ul>
 *
 * <h2>The command line</h2>
 * <pre>
 * rshell [OPTIONS] [USER@]HOSTS[:PORT] [COMMAND WORDS...]
 * rshell [OPTIONS] -H HOSTS [-H HOSTS...] [COMMAND WORDS...]
 *
 *   HOSTS                  a host set: a,b,c  web[01-20]  db[1-3,7]  10.0.0.[1-9]  r[1-2]n[1-3]
 *                          {@literal @}GROUP  alice{@literal @}127.0.0.[1-3]:7022  alice{@literal @}{@literal @}lab:7022
 *   -H, --hosts HOSTS      more hosts (repeatable); with -H or --hosts-file every word after
 *                          the options is the command
 *   --hosts-file FILE      one host set a line, # comments
 *   -x, --exclude HOSTS    leave these out (repeatable; a :PORT narrows to that port)
 *   -u USER, -p PORT       for every host that names none
 *   --fanout N             most sessions at once (default 32, at most 1024)
 *   --connect-timeout S    per host, as for one host (default 10)
 *   --command-timeout S    per host, from login to the last end; past it the host is
 *                          interrupted and counts as timed out (default: none)
 *   -b, --gather           print identical output once under its folded hosts, at the end
 *   --diff                 the largest group in full, the others as unified diffs against it
 *   --gather-limit BYTES   output kept per host for -b/--diff (default 4 MiB); past it cut, said
 *   --no-prefix            streaming lines without "host: "
 *   --json                 JSON lines on stdout (also for one host)
 *   --outdir DIR           DIR/HOST.out and DIR/HOST.err, as the lines come
 *   -e, -c, -f, --window   as for one host, per host
 * </pre>
 * One host named plainly (no range, group, comma, {@code -H} or {@code --hosts-file}) runs
 * exactly as the single-host client does today; many hosts stream prefixed lines by default
 * and print the {@link dev.rshell.client.fanout.Summary} on stderr at the end. The groups file
 * is {@code $RSHELL_HOME/groups} ({@code ~/.rshell/groups}). Ctrl-C calls
 * {@code FanoutRunner.interruptAll()}, then the gathered output and the summary are still
 * printed; a second Ctrl-C quits at once. The README's "Many hosts" section is the user's view.
 */
package dev.rshell.client.fanout;
