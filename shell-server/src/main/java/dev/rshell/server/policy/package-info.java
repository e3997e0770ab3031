/**
 * Command policy: {@link dev.rshell.server.policy.AccessPolicy} says what a user's role may
 * run and read; {@link dev.rshell.server.policy.Policies} makes one per login from the
 * configured roles.
 */
package dev.rshell.server.policy;
