package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraThresholds;
import dev.pulse.metrics.dora.DrillDownRecord;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.DeploymentResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class ReportHtmlTest {
  private static final String HOSTILE = "</script><script>alert(1)</script>";
  private static final Pattern SCRIPT =
      Pattern.compile("<script\\b[^>]*>(.*?)</script>", Pattern.DOTALL);

  private static Report report(String hostileRepository) {
    ReportFixtures.Data data = ReportFixtures.random(7, 63);
    data.deployments.add(
        deploy(hostileRepository, "prod-eu", "h1", day(20.5), DeploymentResult.SUCCESS));
    data.deployments.add(
        deploy(hostileRepository, "prod-eu", "h2", day(21.5), DeploymentResult.FAILURE));
    return MetricsReport.compute(
        data.sources(),
        ReportOptions.builder("acme <b>&</b>", new Window(day(7), day(56)))
            .dora(
                DoraOptions.builder()
                    .productionEnvironments(List.of("prod-eu", "prod-us"))
                    .minSample(2)
                    .build())
            .teams(
                TeamMapping.builder()
                    .repository("payments", "api")
                    .repository("web", "web")
                    .project("payments", "API")
                    .build())
            .build());
  }

  private static String block(String html, String id) {
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), id);
    return m.group(1);
  }

  @Test
  void write_embedsExactlyTheReportJson() {
    Report report = report("api-gateway");
    String html = ReportHtml.write(report);
    String embedded = block(html, ReportHtml.REPORT_BLOCK_ID);
    assertEquals(ReportJson.write(report), embedded.replace("\\u003c", "<"));
    assertEquals(html, ReportHtml.write(report), "the same report renders byte for byte the same");
  }

  @Test
  void write_isOneFileWithNoExternalResource() {
    String html = ReportHtml.write(report("api"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(
        Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
            .matcher(html)
            .find(),
        "no external src or href");
    assertFalse(Pattern.compile("url\\(\\s*['\"]?(https?:)?//").matcher(html).find(), "no CSS url");
    assertFalse(html.contains("@import"));
    assertFalse(html.contains("<link"), "no linked stylesheet");
    assertFalse(html.contains("/*PULSE_"), "every slot filled");
    // exactly four script elements: the three JSON blocks and the inline script, none with src
    Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
    int count = 0;
    while (scripts.find()) {
      assertFalse(scripts.group(1).contains("src"), scripts.group());
      count++;
    }
    assertEquals(4, count);
  }

  @Test
  void write_keepsHostileTextInert() {
    Report report = report(HOSTILE);
    assertTrue(report.byRepository().containsKey(HOSTILE), "the hostile name is in the report");
    String html = ReportHtml.write(report);
    assertFalse(html.contains(HOSTILE));
    assertFalse(html.contains("<b>&</b>"));
    assertFalse(html.contains("alert(1)</script>"));
    Matcher m = SCRIPT.matcher(html);
    int count = 0;
    while (m.find()) {
      count++;
    }
    assertEquals(4, count, "no script element was closed or opened by report text");
    String embedded = block(html, ReportHtml.REPORT_BLOCK_ID);
    assertFalse(embedded.contains("<"));
    assertTrue(embedded.contains("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"));
    assertEquals(ReportJson.write(report), embedded.replace("\\u003c", "<"));
  }

  @Test
  void write_embedsTheThresholdsOfTheReportYear() {
    Report report = report("api");
    String thresholds = block(ReportHtml.write(report), "pulse-thresholds");
    Map<String, Object> parsed = MiniJson.obj(MiniJson.parse(thresholds));
    assertEquals(report.benchmark().name(), parsed.get("benchmark"));
    assertEquals(ReportHtml.thresholds(report.benchmark()), thresholds);
    String y2021 = ReportHtml.thresholds(DoraThresholds.DORA_2021);
    assertTrue(
        y2021.contains("\"changeFailurePercentAtMost\":{\"ELITE\":15,\"HIGH\":20,\"MEDIUM\":30}"),
        y2021);
    assertTrue(y2021.contains("\"leadTimeBelowSeconds\":{\"ELITE\":3600,"), y2021);
  }

  @Test
  void write_withoutDrillDownEmbedsNull() {
    assertEquals("null", block(ReportHtml.write(report("api")), "pulse-drilldown"));
  }

  @Test
  void write_withDrillDownEmbedsEveryRecordAndKeepsThemInert() {
    ReportFixtures.Data data = ReportFixtures.random(7, 63);
    data.deployments.add(deploy(HOSTILE, "prod-eu", "h1", day(20.5), DeploymentResult.SUCCESS));
    ReportOptions options =
        ReportOptions.builder("acme", new Window(day(7), day(56)))
            .dora(DoraOptions.builder().productionEnvironments(List.of("prod-eu")).build())
            .build();
    Report report = MetricsReport.compute(data.sources(), options);
    List<DrillDownRecord> records = MetricsReport.drillDown(data.sources(), options);
    assertTrue(records.stream().anyMatch(r -> r.repository().equals(HOSTILE)));
    String html = ReportHtml.write(report, records);
    String embedded = block(html, "pulse-drilldown");
    assertFalse(embedded.contains("<"));
    assertEquals(ReportJson.writeDrillDown(records), embedded.replace("\\u003c", "<"));
    assertEquals(
        ReportJson.write(report), block(html, ReportHtml.REPORT_BLOCK_ID).replace("\\u003c", "<"));
    assertFalse(html.contains(HOSTILE));
  }

  @Test
  void write_rejectsNull() {
    assertThrows(NullPointerException.class, () -> ReportHtml.write(null));
    assertThrows(NullPointerException.class, () -> ReportHtml.write(report("api"), null));
  }
}
