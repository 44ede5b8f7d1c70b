/**
 * Connectors for Jira, GitHub and Jenkins over HTTP, each in its own sub-package.
 *
 * <p>The vendor connectors are not written yet; this module fixes their place in the build and
 * their allowed dependencies (pulse-core, jackson-databind, slf4j and the JDK's {@code
 * java.net.http} client).
 */
@NullMarked
package dev.pulse.connectors;

import org.jspecify.annotations.NullMarked;
