/**
 * The Jenkins deployments connector: {@link dev.pulse.connectors.jenkins.JenkinsConnector} (one
 * scope per job, builds read newest first) and {@link
 * dev.pulse.connectors.jenkins.JenkinsConnectorProvider} for configuration-driven pipelines.
 * Configuration and behaviour are described in {@code docs/connectors.md}.
 */
@NullMarked
package dev.pulse.connectors.jenkins;

import org.jspecify.annotations.NullMarked;
