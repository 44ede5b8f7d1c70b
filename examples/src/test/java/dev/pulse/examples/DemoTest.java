package dev.pulse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ScopeKey;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcRecordReader;
import dev.pulse.jdbc.RecordQuery;
import dev.pulse.jdbc.SqliteDataSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on a small organisation: a first run backfills, a second run fetches only
 * what the organisation gained, and a run killed mid-way (a child JVM, {@code destroyForcibly})
 * resumes where its last stored batch ended.
 */
final class DemoTest {
  private static final Pattern SCOPE_LINE =
      Pattern.compile("(?m)^([a-z]+/[a-z_-]+)\\s+(\\S+)\\s+DONE\\s+\\+([\\d,]+) new");

  @TempDir Path home;

  /** What one in-process run printed and returned. */
  record Run(int code, String out, String err) {
    long newItems(String source) {
      Matcher matcher = SCOPE_LINE.matcher(out);
      long sum = 0;
      while (matcher.find()) {
        if (matcher.group(1).equals(source)) {
          sum += Long.parseLong(matcher.group(3).replace(",", ""));
        }
      }
      return sum;
    }

    long newItems(String source, String scope) {
      Matcher matcher = SCOPE_LINE.matcher(out);
      while (matcher.find()) {
        if (matcher.group(1).equals(source) && matcher.group(2).equals(scope)) {
          return Long.parseLong(matcher.group(3).replace(",", ""));
        }
      }
      throw new AssertionError("no line for " + scope + " in\n" + out);
    }
  }

  private Run run(int bigProject) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Demo.run(home, bigProject, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void projectSizes_followAPowerLawWithTheLargestFirst() {
    Map<String, Integer> sizes = Demo.projectSizes(100_000);
    assertEquals(10, sizes.size());
    assertEquals(100_000, sizes.get("CORE"));
    assertEquals(25_000, sizes.get("WEB"));
    assertEquals(1_000, sizes.get("DOCS"));
  }

  @Test
  void secondRun_fetchesOnlyWhatTheOrganisationGained() {
    Run first = run(400);
    assertEquals(0, first.code(), first.err() + first.out());
    long issues = Demo.projectSizes(400).values().stream().mapToLong(Integer::longValue).sum();
    assertEquals(issues, first.newItems("jira/issues"), first.out());
    assertEquals(
        30L * Demo.pullRequestsPerRepository(400),
        first.newItems("github/pull_requests"),
        first.out());
    assertEquals(
        30L * Demo.buildsPerRepository(400), first.newItems("jenkins/deployments"), first.out());
    assertEquals(90, storedPullRequests(), "every pull request stored once");
    assertTrue(first.out().contains("$ pulse metrics --until 2026-09-01T00:00:00Z --window 90d"));
    assertTrue(first.out().contains("acme/svc-30"), "DORA per repository");
    assertTrue(first.out().contains("PIPELINE platform  LIVE"), first.out());
    assertTrue(first.out().contains("PIPELINE product  LIVE"), first.out());
    assertTrue(first.out().matches("(?s).*\\n  team platform .*\\n  team product .*"), first.out());

    Run second = run(400);
    assertEquals(0, second.code(), second.err() + second.out());
    assertTrue(
        second.out().contains("grew by 25 issues, 10 edits, 30 pull requests and 30 deployments"));
    assertEquals(
        Demo.newIssuesPerGeneration() + Demo.editsPerGeneration(), second.newItems("jira/issues"));
    assertTrue(second.newItems("jira/issues", "jira:project:CORE") > 0, "the largest grew too");
    assertEquals(30, second.newItems("github/pull_requests"), second.out());
    assertEquals(30, second.newItems("jenkins/deployments"), second.out());
    assertTrue(
        second.out().contains("ingested " + (35 + 30 + 30) + " new record(s)"), second.out());
    assertEquals(90 + 30, storedPullRequests(), "the new pull requests stored once");
  }

  @Test
  void killedRun_resumesWhereTheLastStoredBatchEnded() throws IOException, InterruptedException {
    int big = 20_000;
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpulse.progress.interval=PT0.2S",
                "-cp",
                System.getProperty("java.class.path"),
                Demo.class.getName(),
                home.toString(),
                "--big-project",
                Integer.toString(big))
            .redirectErrorStream(true)
            .start();
    Pattern coreProgress =
        Pattern.compile("jira:project:CORE\\s+\\[[#.]+\\]\\s+\\S+\\s+([\\d,]+)/");
    boolean killedMidway = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher matcher = coreProgress.matcher(line);
        if (matcher.find() && Long.parseLong(matcher.group(1).replace(",", "")) > 0) {
          child.destroyForcibly();
          killedMidway = true;
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ends");
    }
    assertTrue(killedMidway, "the child was killed while CORE was being read");

    Run resumed = run(big);
    assertEquals(0, resumed.code(), resumed.err() + resumed.out());
    long reread = resumed.newItems("jira/issues", "jira:project:CORE");
    assertTrue(reread > 0 && reread < big, "only the rest of CORE is read: " + reread);
    assertEquals(big, storedIssues("CORE"), "every CORE issue stored exactly once");
  }

  private long storedPullRequests() {
    JdbcDatabase database =
        JdbcDatabase.builder(SqliteDataSources.file(home.resolve("pulse.db"))).build();
    long count = 0;
    for (String tenant : new String[] {"acme-platform", "acme-product"}) {
      RecordQuery query =
          RecordQuery.of(
              tenant, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));
      try (Stream<?> pullRequests = new JdbcRecordReader(database).pullRequests(query)) {
        count += pullRequests.count();
      }
    }
    return count;
  }

  private long storedIssues(String project) {
    JdbcDatabase database =
        JdbcDatabase.builder(SqliteDataSources.file(home.resolve("pulse.db"))).build();
    RecordQuery query =
        RecordQuery.of(
                "acme-platform",
                Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"))
            .scope(ScopeKey.of("jira", "project", project));
    try (Stream<?> issues = new JdbcRecordReader(database).issues(query)) {
      return issues.count();
    }
  }
}
