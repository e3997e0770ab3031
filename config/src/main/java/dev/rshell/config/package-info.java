/**
 * Server settings: their definitions, loading and validation.
 *
 * <p>{@link dev.rshell.config.Settings} defines every setting once (a
 * {@link dev.rshell.config.Setting}: name, {@link dev.rshell.config.ValueType}, default,
 * description), which serves the properties file, the {@code RSHELL_SERVER_*} environment
 * variables, the {@code --NAME} flags, {@code --help} and the README.
 * {@link dev.rshell.config.SettingsLoader} merges the three sources (file &lt; environment &lt;
 * flag), validates every value and cross-setting rule, and either returns the immutable
 * {@link dev.rshell.config.ServerSettings} or throws one
 * {@link dev.rshell.config.ConfigException} listing every problem. A secret value (the
 * keystore password) is a {@link dev.rshell.config.Secret}, shown only as {@code ***}. Raw
 * sources live in {@code config.source}; role definitions ({@code role.NAME.KEY} lines of
 * the properties file) in {@code config.role}; user accounts in {@code config.user}.
 */
package dev.rshell.config;
