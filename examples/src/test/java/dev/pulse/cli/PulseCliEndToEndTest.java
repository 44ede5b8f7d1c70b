package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code pulse} command line in-process against the testkit's fake Jira and an SQLite
 * file: validate, migrate, ingest, status, metrics, reset and ingest again, checking what each
 * prints and its exit code.
 */
final class PulseCliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;
  private FakeJira jira;
  private Path config;
  private CliContext context;

  /** What one run printed and returned. */
  record Result(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws IOException {
    jira = FakeJira.builder().seed(3).project("BG", 120).project("OPS", 40).start();
    config = dir.resolve("pulse.json");
    Files.writeString(config, config(jira.baseUri().toString(), "jira"), StandardCharsets.UTF_8);
    context =
        new CliContext(
            Environment.of(Map.of("JIRA_TOKEN", FakeJira.TOKEN), Map.of()),
            ConnectorCatalog.discover(getClass().getClassLoader()),
            new FakeClock(NOW),
            false);
  }

  @AfterEach
  void tearDown() {
    jira.close();
  }

  static String config(String baseUrl, String type) {
    return """
        {"store": {"url": "jdbc:sqlite:data/pulse.db"},
         "pipelines": [{"name": "eng", "tenant": "acme", "labels": {"team": "core"},
           "retry": {"maxAttempts": 1},
           "sources": [{"type": "%s", "settings": {"baseUrl": "%s",
             "email": "%s", "token": "${JIRA_TOKEN}", "holdBack": "PT0S"}}]}]}
        """
        .formatted(type, baseUrl, FakeJira.EMAIL);
  }

  private Result pulse(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = args;
    if (args.length == 0 || !args[0].equals("--config")) {
      all = new String[args.length + 2];
      all[0] = "--config";
      all[1] = config.toString();
      System.arraycopy(args, 0, all, 2, args.length);
    }
    int code = PulseCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true), context);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void fullSession_validateMigrateIngestStatusMetricsResetIngest() throws IOException {
    Result valid = pulse("validate");
    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains("is valid: 1 pipeline(s) [eng], 1 source(s)"), valid.out());

    Result migrate = pulse("migrate");
    assertEquals(0, migrate.code(), migrate.err());
    assertTrue(
        migrate.out().matches("(?s)migrated jdbc:sqlite:.*pulse\\.db: [1-9]\\d* migration.*"));
    assertTrue(Files.exists(dir.resolve("data/pulse.db")), "relative to the config's directory");

    Result first = pulse("ingest", "--once");
    assertEquals(0, first.code(), first.err() + first.out());
    assertTrue(first.out().contains("ingested 160 new record(s)"), first.out());
    assertTrue(
        first.out().matches("(?s).*jira:project:BG\\s+DONE\\s+\\+120 new \\(120 stored\\).*"));
    assertTrue(first.out().contains("DONE      jira:project:OPS"), "plain progress lines");

    Result status = pulse("status");
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("jira:project:BG"), status.out());
    assertTrue(status.out().contains("LIVE"), status.out());

    Result json = pulse("status", "--format", "json", "--label", "team=core");
    assertEquals(0, json.code(), json.err());
    JsonNode pipeline = JSON.readTree(json.out()).get(0);
    assertEquals("eng", pipeline.get("pipeline").asText());
    JsonNode scopes = pipeline.get("sources").get(0).get("scopes");
    assertEquals(2, scopes.size());
    assertEquals("jira:project:BG", scopes.get(0).get("scope").asText());
    assertEquals(120, scopes.get(0).get("itemsStored").asLong());
    assertEquals("DONE", scopes.get(0).get("progressStatus").asText());

    Result otherTeam = pulse("status", "--label", "team=other");
    assertEquals(5, otherTeam.code());
    assertTrue(otherTeam.err().startsWith("pulse: error [SCOPE_NOT_FOUND] no pipeline"));

    Result metrics =
        pulse("metrics", "--team", "core", "--until", "2026-02-01T00:00:00Z", "--format", "json");
    assertEquals(0, metrics.code(), metrics.err());
    JsonNode report = JSON.readTree(metrics.out());
    assertEquals(1, report.get("schemaVersion").asInt(), "the pulse-metrics report's JSON");
    assertEquals("core", report.get("team").asText());
    assertEquals(160, report.get("inputs").get("issues").get("read").asLong());
    assertTrue(report.get("flow").get("issues").asInt() > 0, metrics.out());
    Result metricsHtml =
        pulse("metrics", "--team", "core", "--until", "2026-02-01T00:00:00Z", "--format", "html");
    assertEquals(0, metricsHtml.code(), metricsHtml.err());
    assertTrue(metricsHtml.out().startsWith("<!DOCTYPE html>"), metricsHtml.out());
    assertTrue(
        metricsHtml.out().contains("\"schemaVersion\":1"),
        "the page embeds the report's JSON: " + metricsHtml.out());
    assertFalse(metricsHtml.out().matches("(?s).*(src|href)=\"https?:.*"), "opens offline");
    assertTrue(
        metricsHtml.out().contains("id=\"pulse-drilldown\">null<"), "no drill-down by default");
    assertTrue(
        report.get("cumulativeFlow").get("samples").size() > 0,
        "the cumulative flow: " + metrics.out());
    Result drilled =
        pulse("metrics", "--until", "2026-02-01T00:00:00Z", "--format", "html", "--drill-down");
    assertEquals(0, drilled.code(), drilled.err());
    assertTrue(drilled.out().contains("id=\"pulse-drilldown\">["), "the records are embedded");
    Result metricsText = pulse("metrics", "--until", "2026-02-01T00:00:00Z", "-w", "60d");
    assertEquals(0, metricsText.code(), metricsText.err());
    assertTrue(metricsText.out().contains("Flow (completed in the window"), metricsText.out());
    assertTrue(metricsText.out().matches("(?s).*\\n  OPS\\s+\\d+.*"), metricsText.out());

    jira.add("BG", Instant.parse("2026-02-10T10:00:00Z"));
    Result incremental = pulse("ingest");
    assertEquals(0, incremental.code(), incremental.err());
    assertTrue(incremental.out().contains("ingested 1 new record(s)"), incremental.out());
    assertTrue(
        incremental.out().matches("(?s).*jira:project:BG\\s+DONE\\s+\\+1 new \\(121 stored\\).*"));

    Result reset = pulse("reset", "jira:project:OPS");
    assertEquals(0, reset.code(), reset.err());
    assertTrue(reset.out().contains("watermark deleted"), reset.out());

    Result again = pulse("ingest");
    assertEquals(0, again.code(), again.err());
    assertTrue(
        again.out().matches("(?s).*jira:project:OPS\\s+DONE\\s+\\+40 new \\(40 stored\\).*"));
    assertTrue(again.out().matches("(?s).*jira:project:BG\\s+DONE\\s+\\+0 new \\(121 stored\\).*"));

    Result resetSource = pulse("reset", "jira/issues");
    assertEquals(0, resetSource.code(), resetSource.err());
    assertTrue(resetSource.out().contains("2 watermark(s) deleted"), resetSource.out());

    Result letters = pulse("dead-letters", "list");
    assertEquals(0, letters.code(), letters.err());
    assertTrue(letters.out().contains("0 dead letter(s)"), letters.out());
  }

  @Test
  void validate_listsEveryProblemWithItsPathAndExits3() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad,
        """
        {"store": {"url": "postgres://nope", "colour": "blue"},
         "pipelines": [{"name": "eng", "sources": [
           {"type": "jiraa", "settings": {}},
           {"type": "jira", "scopes": ["not a scope"],
            "settings": {"baseUrl": "https://x.example", "email": "a@b.c", "token": "${UNSET}"}}]}]}
        """,
        StandardCharsets.UTF_8);
    Result result = pulse("validate", bad.toString());
    assertEquals(3, result.code());
    assertTrue(result.out().contains("$.store.colour: [INVALID_CONFIG] is not a known key"));
    assertTrue(result.out().contains("$.store.url: [INVALID_CONFIG] must be a JDBC URL"));
    assertTrue(result.out().contains("$.pipelines[0].sources[0].type: [INVALID_CONFIG] unknown"));
    assertTrue(result.out().contains("$.pipelines[0].sources[1].scopes[0]: [INVALID_SCOPE_KEY]"));
    assertTrue(result.out().contains("$.pipelines[0].sources[1].settings.token: [INVALID_CONFIG]"));
    assertTrue(
        result.err().startsWith("pulse: error [INVALID_CONFIG] " + bad + " has 5 problem(s)"),
        result.err());

    Result ingest = pulse("--config", bad.toString(), "ingest");
    assertEquals(3, ingest.code());
    assertEquals(1, ingest.err().lines().count(), "one line: " + ingest.err());
    assertTrue(ingest.err().contains("; run pulse validate " + bad), ingest.err());
  }

  @Test
  void errors_areOneLineWithTheirCodeAndDocumentedExitCode() {
    Result missing = pulse("--config", dir.resolve("absent.json").toString(), "status");
    assertEquals(3, missing.code());
    assertTrue(missing.err().startsWith("pulse: error [INVALID_CONFIG] configuration file "));

    Result unknownCommand = pulse("ingets");
    assertEquals(2, unknownCommand.code());
    assertTrue(unknownCommand.err().startsWith("pulse: error [INVALID_CONFIG] Unmatched argument"));
    assertTrue(unknownCommand.err().contains("ingest"), "suggests the right command");

    Result badWindow = pulse("metrics", "--window", "ninety days");
    assertEquals(2, badWindow.code());
    assertTrue(badWindow.err().contains("window must be like 90d"), badWindow.err());

    Result unmigrated = pulse("status");
    assertEquals(4, unmigrated.code(), unmigrated.out());
    assertTrue(unmigrated.err().startsWith("pulse: error [STORE_FAILED] "), unmigrated.err());

    assertEquals(0, pulse("migrate").code());
    Result unknownScope = pulse("reset", "github:repo:acme/api");
    assertEquals(5, unknownScope.code());
    assertEquals(
        "pulse: error [SCOPE_NOT_FOUND] no configured source reads github:repo:acme/api",
        unknownScope.err().strip());
  }

  @Test
  void helpAndCompletion_teachAndGenerate() {
    Result help = pulse("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("A first session:"), help.out());
    assertTrue(help.out().contains("pulse validate pulse.json"), help.out());
    assertTrue(help.out().contains("${JIRA_TOKEN}"), "an escaped reference, not interpolated");
    assertTrue(help.out().contains("Exit codes:"), help.out());
    for (String command :
        new String[] {
          "validate",
          "migrate",
          "ingest",
          "status",
          "metrics",
          "reset",
          "dead-letters",
          "generate-completion"
        }) {
      assertTrue(help.out().contains("  " + command), command);
      assertEquals(0, pulse(command, "--help").code(), command);
    }
    Result completion = pulse("generate-completion");
    assertEquals(0, completion.code());
    assertTrue(completion.out().contains("complete -F"), "a bash/zsh completion script");
  }

  @Test
  void teamsSection_ownsWhatLabelsCannotSay_andItsProblemsNameTheirPath() throws IOException {
    // The pipeline is labelled team=core; the teams section gives team ops the OPS project alone.
    String withTeams =
        config(jira.baseUri().toString(), "jira")
            .replaceFirst(
                "\\{\"store\"", "{\"teams\": {\"ops\": {\"projects\": [\"OPS\"]}}, \"store\"");
    Files.writeString(config, withTeams, StandardCharsets.UTF_8);
    assertEquals(0, pulse("ingest", "--once").code());

    JsonNode core = teamReport("core");
    JsonNode ops = teamReport("ops");
    int coreIssues = core.get("flow").get("issues").asInt();
    int opsIssues = ops.get("flow").get("issues").asInt();
    assertEquals("ops", ops.get("team").asText());
    assertTrue(opsIssues > 0 && opsIssues < coreIssues, opsIssues + " of " + coreIssues);

    Result nobody = pulse("metrics", "--team", "nobody");
    assertEquals(ExitCodes.NOT_FOUND, nobody.code(), nobody.err());
    assertTrue(
        nobody.err().contains("no teams entry") || nobody.err().contains("teams section"),
        nobody.err());

    Files.writeString(
        config,
        withTeams.replace(
            "{\"projects\": [\"OPS\"]}",
            "{\"projects\": [{\"name\": \"OPS\", \"from\": \"yesterday\"}],"
                + " \"components\": [\"acme/mono\"], \"owners\": []}"),
        StandardCharsets.UTF_8);
    Result invalid = pulse("validate");
    assertEquals(3, invalid.code());
    assertTrue(
        invalid.out().contains("$.teams.ops.projects[0].from: [INVALID_CONFIG] must be an instant"),
        invalid.out());
    assertTrue(
        invalid
            .out()
            .contains("$.teams.ops.components[0]: [INVALID_CONFIG] must be owner/repo:component"),
        invalid.out());
    assertTrue(
        invalid.out().contains("$.teams.ops.owners: [INVALID_CONFIG] is not a known key"),
        invalid.out());
    Result refused = pulse("metrics", "--team", "ops");
    assertEquals(3, refused.code(), refused.err());
    assertTrue(refused.err().contains("$.teams.ops"), refused.err());
  }

  /** The JSON report of one team over ten years up to February 2026. */
  private JsonNode teamReport(String team) throws IOException {
    Result result =
        pulse(
            "metrics",
            "--team",
            team,
            "--until",
            "2026-02-01T00:00:00Z",
            "-w",
            "3650d",
            "--format",
            "json");
    assertEquals(0, result.code(), result.err());
    return JSON.readTree(result.out());
  }
}
