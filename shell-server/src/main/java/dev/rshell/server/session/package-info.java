/**
 * Sessions: one per connection. {@link dev.rshell.server.session.Session} (reader, login,
 * control lines, teardown; its Javadoc holds the threading model), the bounded
 * {@code CommandQueue}, the on-demand {@code CommandRunner}, the {@code Outbox} that batches
 * writes, and the {@link dev.rshell.server.session.SessionRegistry} of live sessions with its
 * admission counts; {@code StartupSlot} and {@code StartupEviction} decide which connection not
 * logged in yet gives way when all {@code max-startups} places are taken.
 */
package dev.rshell.server.session;
