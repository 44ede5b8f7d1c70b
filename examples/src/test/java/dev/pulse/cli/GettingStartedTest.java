package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.config.ConnectorCatalog;
import dev.pulse.config.Environment;
import dev.pulse.testing.FakeClock;
import dev.pulse.testkit.fake.github.FakeGitHub;
import dev.pulse.testkit.fake.jenkins.FakeJenkins;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code pulse} command of docs/getting-started.md, in order, with the configuration the
 * page shows (its {@code ${JIRA_*}} references pointed at the fake Jira), and checks each exits 0.
 * The demo command on the same page is run by {@code .ci/run}.
 */
final class GettingStartedTest {
  private static final Path PAGE = Path.of("..", "docs", "getting-started.md");
  private static final Pattern BLOCK = Pattern.compile("(?s)```(json|shell)\\n(.*?)```");

  @TempDir Path dir;

  @Test
  void everyCommandOfThePage_runsAndExitsZero() throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String json = null;
    List<String> commands = new ArrayList<>();
    Matcher block = BLOCK.matcher(page);
    while (block.find()) {
      if (block.group(1).equals("json")) {
        json = block.group(2);
      } else {
        block.group(2).lines().filter(l -> l.startsWith("pulse ")).forEach(commands::add);
      }
    }
    assertTrue(json != null && commands.size() >= 10, "the page shows a config and commands");
    Path config = dir.resolve("pulse.json");
    Files.writeString(config, json, StandardCharsets.UTF_8);
    try (FakeJira jira = FakeJira.builder().seed(5).project("BG", 60).project("OPS", 30).start();
        // The github provider discovers repositories pushed to in the last six months of the
        // system clock (it takes no clock from configuration), so the fake's data is recent.
        FakeGitHub github =
            FakeGitHub.builder()
                .seed(5)
                .start(Instant.now().minus(Duration.ofDays(30)))
                .repository("api", 12)
                .nulBytes(false)
                .start();
        FakeJenkins jenkins = FakeJenkins.builder().seed(5).nulBytes(false).start()) {
      CliContext context =
          new CliContext(
              Environment.of(
                  Map.of(
                      "JIRA_URL", jira.baseUri().toString(),
                      "JIRA_EMAIL", FakeJira.EMAIL,
                      "JIRA_TOKEN", FakeJira.TOKEN,
                      "GITHUB_API_URL", github.apiUri().toString(),
                      "GITHUB_ORG", "acme",
                      "GITHUB_TOKEN", FakeGitHub.TOKEN,
                      "JENKINS_URL", jenkins.baseUri().toString(),
                      "JENKINS_USER", FakeJenkins.USER,
                      "JENKINS_TOKEN", FakeJenkins.TOKEN),
                  Map.of()),
              ConnectorCatalog.discover(getClass().getClassLoader()),
              new FakeClock(Instant.parse("2026-02-01T00:00:00Z")),
              false);
      StringBuilder printed = new StringBuilder();
      for (String command : commands) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        for (String word : command.substring("pulse ".length()).split(" ")) {
          args.add(word.equals("pulse.json") ? config.toString() : word);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
            PulseCli.run(
                args.toArray(String[]::new),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                context);
        assertEquals(0, code, command + "\n" + out + err);
        assertTrue(!out.toString().isBlank(), command + " prints its result");
        printed.append(out);
      }
      assertTrue(printed.toString().contains("github:repo:acme/api"), "GitHub is read");
      assertTrue(printed.toString().contains("jenkins:job:payments/deploy-prod"), "Jenkins too");
    }
  }
}
