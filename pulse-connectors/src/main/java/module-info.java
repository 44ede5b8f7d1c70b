/**
 * Connectors for Jira, GitHub and Jenkins over HTTP, built on the JDK's {@code java.net.http}
 * client and Jackson. Exports only the connectors' API packages; the shared HTTP layer ({@code
 * dev.pulse.connectors.internal}) stays inside the module.
 */
module dev.pulse.connectors {
  requires transitive dev.pulse.core;
  requires static transitive org.jspecify;
  requires java.net.http;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.pulse.connectors.jira;
  exports dev.pulse.connectors.github;
  exports dev.pulse.connectors.jenkins;

  provides dev.pulse.spi.ConnectorProvider with
      dev.pulse.connectors.jira.JiraConnectorProvider,
      dev.pulse.connectors.github.GitHubConnectorProvider,
      dev.pulse.connectors.jenkins.JenkinsConnectorProvider;
}
