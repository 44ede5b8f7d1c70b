/**
 * Connectors for vendor APIs over HTTP, one sub-package per vendor ({@link
 * dev.pulse.connectors.jira} today; GitHub and Jenkins next).
 *
 * <p>Every connector here shares one HTTP layer (the module's non-exported {@code
 * dev.pulse.connectors.internal} package): timeouts, bounded retries with capped, fully jittered
 * exponential backoff, a rate limiter per credential that honours {@code Retry-After} and reset
 * headers, conditional requests, and credentials that never appear in a log line, an exception
 * message or a {@code toString}. See {@code docs/connectors.md}.
 */
@NullMarked
package dev.pulse.connectors;

import org.jspecify.annotations.NullMarked;
