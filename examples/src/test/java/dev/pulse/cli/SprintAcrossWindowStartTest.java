package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.Batch;
import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeId;
import dev.pulse.ScopeKey;
import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcSink;
import dev.pulse.jdbc.JdbcWatermarkStore;
import dev.pulse.jdbc.SqliteDataSources;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.EffortSource;
import dev.pulse.model.Issue;
import dev.pulse.model.IssueType;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.Sprint;
import dev.pulse.model.SprintStatus;
import dev.pulse.testing.FakeClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of {@code pulse metrics} counts, in a sprint that finished in the window but began
 * before it, the issues the sprint completed before the window's start, which the store's reader
 * leaves out of a plain window query. Sprint 12 of board 7 runs from Jan 5 to Jan 19; the window is
 * Jan 18 to Feb 1.
 */
final class SprintAcrossWindowStartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant SPRINT_START = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant SPRINT_END = Instant.parse("2026-01-19T09:00:00Z");
  private static final ScopeKey BG = ScopeKey.parse("jira:project:BG");

  @TempDir Path dir;

  @Test
  void issueDoneBeforeTheWindowStillCountsInItsSprint() throws IOException {
    Path config = dir.resolve("pulse.json");
    Files.writeString(
        config, PulseCliEndToEndTest.config("http://localhost:9", "jira"), StandardCharsets.UTF_8);
    CliContext context =
        new CliContext(
            Environment.of(Map.of("JIRA_TOKEN", "unused"), Map.of()),
            ConnectorCatalog.discover(getClass().getClassLoader()),
            new FakeClock(Instant.parse("2026-02-01T00:00:00Z")),
            false);
    assertEquals(0, run(context, "--config", config.toString(), "migrate").code());

    JdbcDatabase database =
        JdbcDatabase.builder(SqliteDataSources.file(dir.resolve("data/pulse.db"))).build();
    JdbcWatermarkStore watermarks = new JdbcWatermarkStore(database);
    Position at = Position.at(Instant.parse("2026-01-31T00:00:00Z"), "BG-3");
    JdbcSink.issues(watermarks)
        .write(
            ScopeId.of("acme", EntityType.ISSUES, BG),
            new Batch<>(
                BG,
                List.of(
                    issue("BG-1", Instant.parse("2026-01-08T12:00:00Z")),
                    issue("BG-2", Instant.parse("2026-01-18T12:00:00Z")),
                    issue("BG-3", null)),
                at,
                0));
    Sprint sprint = closed("12", SPRINT_START, SPRINT_END);
    JdbcSink.sprints(watermarks)
        .write(ScopeId.of("acme", EntityType.SPRINTS, BG), new Batch<>(BG, List.of(sprint), at, 0));

    Result metrics =
        run(
            context,
            "--config",
            config.toString(),
            "metrics",
            "--until",
            "2026-02-01T00:00:00Z",
            "-w",
            "14d",
            "--format",
            "json");
    assertEquals(0, metrics.code(), metrics.err());
    JsonNode report = JSON.readTree(metrics.out());
    JsonNode sprint12 = report.get("sprints").get("sprints").get(0);
    assertEquals("12", sprint12.get("sprintId").asText(), metrics.out());
    assertEquals(3, sprint12.get("committed").asInt(), "BG-1, BG-2 and BG-3: " + metrics.out());
    assertEquals(2, sprint12.get("completed").asInt(), "BG-1 (before the window) and BG-2");
    JsonNode issues = report.get("inputs").get("issues");
    assertEquals(3, issues.get("read").asInt(), "BG-1 is read for its sprint: " + issues);
    assertEquals(2, issues.get("kept").asInt(), "and left out of the flow figures: " + issues);
  }

  @Test
  void issuesAreReadFromTheEarliestSprintThatFinishesInTheWindow() {
    Window window =
        new Window(Instant.parse("2026-01-18T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));
    Sprint finishedInside = closed("12", SPRINT_START, SPRINT_END);
    Sprint stillRunning =
        Sprint.builder()
            .id("13")
            .boardId("7")
            .name("Sprint 13")
            .status(SprintStatus.ACTIVE)
            .startedAt(Instant.parse("2025-12-01T00:00:00Z"))
            .build();
    Sprint insideOnly =
        closed("14", Instant.parse("2026-01-20T00:00:00Z"), Instant.parse("2026-01-27T00:00:00Z"));

    assertEquals(window.start(), MetricsCommand.issuesFrom(List.of(), window));
    assertEquals(
        window.start(), MetricsCommand.issuesFrom(List.of(stillRunning, insideOnly), window));
    assertEquals(
        SPRINT_START,
        MetricsCommand.issuesFrom(List.of(insideOnly, finishedInside, stillRunning), window));
  }

  private static Sprint closed(String id, Instant start, Instant end) {
    return Sprint.builder()
        .id(id)
        .boardId("7")
        .name("Sprint " + id)
        .status(SprintStatus.CLOSED)
        .startedAt(start)
        .endedAt(end)
        .completedAt(end)
        .updatedAt(end)
        .build();
  }

  /** An issue of BG in sprint 12 since its creation before the sprint, done at {@code done}. */
  private static Issue issue(String key, @Nullable Instant done) {
    return Issue.builder()
        .key(key)
        .projectKey("BG")
        .type(IssueType.STORY)
        .rawStatus(done == null ? "To Do" : "Done")
        .status(done == null ? NormalizedStatus.TODO : NormalizedStatus.DONE)
        .effort(null, EffortSource.UNESTIMATED)
        .createdAt(Instant.parse("2025-12-20T00:00:00Z"))
        .startedAt(done)
        .completedAt(done)
        .updatedAt(done == null ? Instant.parse("2026-01-20T00:00:00Z") : done)
        .sprintIds(List.of("12"))
        .build();
  }

  private static Result run(CliContext context, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PulseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), context);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
