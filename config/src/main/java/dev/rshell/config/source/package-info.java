/**
 * Raw setting values and where they came from, before any validation.
 *
 * <p>Owns the three sources of server settings: {@link dev.rshell.config.source.PropertiesFile}
 * (a {@code name = value} file read line by line), and
 * {@link dev.rshell.config.source.CommandSources} (environment variables and command-line
 * flags). Each yields {@link dev.rshell.config.source.RawValue}s carrying an
 * {@link dev.rshell.config.source.Origin}, so that every problem found later can say exactly
 * where the bad value was written. Nothing here knows the list of settings; the loader in
 * {@code dev.rshell.config} does.
 */
package dev.rshell.config.source;
