/**
 * The Jira Cloud connector: {@link dev.pulse.connectors.jira.JiraConnector} (issues, REST v3) and
 * {@link dev.pulse.connectors.jira.JiraSprintConnector} (sprints, agile API), with {@link
 * dev.pulse.connectors.jira.ProjectActivation} for choosing projects. Configuration and behaviour
 * are described in {@code docs/connectors.md}.
 */
@NullMarked
package dev.pulse.connectors.jira;

import org.jspecify.annotations.NullMarked;
