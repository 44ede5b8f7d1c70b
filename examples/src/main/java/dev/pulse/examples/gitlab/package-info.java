/**
 * A custom connector written against Pulse's SPI: GitLab merge requests over a tiny in-memory
 * GitLab, proved by the testkit's {@code ConnectorContract}.
 */
@NullMarked
package dev.pulse.examples.gitlab;

import org.jspecify.annotations.NullMarked;
