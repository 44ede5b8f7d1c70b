/**
 * The GitHub connectors: {@link dev.pulse.connectors.github.GitHubConnector} (pull requests, over
 * GraphQL) and {@link dev.pulse.connectors.github.GitHubDeploymentConnector} (the Deployments REST
 * API), authenticated with a token or as a GitHub App, on github.com or GitHub Enterprise Server,
 * and {@link dev.pulse.connectors.github.GitHubConnectorProvider} to create either from
 * configuration. Configuration and behaviour are described in {@code docs/connectors.md}.
 */
@NullMarked
package dev.pulse.connectors.github;

import org.jspecify.annotations.NullMarked;
