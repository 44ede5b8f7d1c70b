package dev.pulse.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "pulse-fleet.json");
  private static final Pattern METRIC = Pattern.compile("\\bpulse_[a-z_]+");

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  private static List<String> queries(JsonNode dashboard) {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("query").has("query")) {
        queries.add(variable.path("query").path("query").asText());
      }
    }
    return queries;
  }

  @Test
  void everyQuery_namesOnlyMetricsThatPulseExports() throws IOException {
    Set<String> exported =
        PrometheusScrapeTest.sampleNames(PrometheusScrapeTest.scrapeAfterARun(true));
    Set<String> named = new TreeSet<>();
    for (String query : queries(dashboard())) {
      Matcher matcher = METRIC.matcher(query);
      assertTrue(matcher.find(), "a query that names no Pulse metric: " + query);
      do {
        named.add(matcher.group());
      } while (matcher.find());
    }

    Set<String> unknown = new TreeSet<>(named);
    unknown.removeAll(exported);
    assertEquals(Set.of(), unknown, "named by the dashboard but not in a scrape: " + exported);
    assertTrue(named.size() >= 15, "the dashboard covers the exported metrics: " + named);
  }

  @Test
  void everyPanel_hasAQueryFilteredByTheTenantVariable() throws IOException {
    JsonNode dashboard = dashboard();
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      titles.add(panel.path("title").asText());
      assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
      for (JsonNode target : panel.path("targets")) {
        assertTrue(
            target.path("expr").asText().contains("tenant=~\"$tenant\""),
            panel.path("title").asText());
      }
    }
    List<String> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertTrue(variables.contains("tenant"), variables.toString());
    assertTrue(
        titles.stream().anyMatch(t -> t.startsWith("Top 10 laggiest scopes")), titles.toString());
    assertTrue(titles.stream().anyMatch(t -> t.startsWith("Top 10 failing")), titles.toString());
    assertTrue(titles.stream().anyMatch(t -> t.startsWith("Rate-limit waits")), titles.toString());
    assertTrue(
        titles.stream().anyMatch(t -> t.startsWith("Throughput by source")), titles.toString());
  }
}
