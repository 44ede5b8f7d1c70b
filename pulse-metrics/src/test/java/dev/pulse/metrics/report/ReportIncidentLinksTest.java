package dev.pulse.metrics.report;

import static dev.pulse.metrics.report.ReportFixtures.day;
import static dev.pulse.metrics.report.ReportFixtures.deploy;
import static dev.pulse.metrics.report.ReportFixtures.hour;
import static dev.pulse.metrics.report.ReportFixtures.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.DeploymentResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report says how each incident of the window found the deployment that caused it. */
final class ReportIncidentLinksTest {
  private static final Window WEEK = new Window(day(0), day(7));

  private static ReportFixtures.Data data() {
    ReportFixtures.Data data = new ReportFixtures.Data();
    for (int i = 0; i < 4; i++) {
      data.deployments.add(
          deploy("api", "production", "b" + i, day(i + 0.5), DeploymentResult.SUCCESS));
    }
    // names b1; b3 caused one 2 hours later; one 3 days after b3; one before the window
    data.incidents.add(
        incident("I-1", "api", day(1.6), day(1.7)).toBuilder().causedByDeployment("b1").build());
    data.incidents.add(incident("I-2", "api", day(3.5).plus(Duration.ofHours(2)), day(3.7)));
    data.incidents.add(incident("I-3", "api", day(6.5), day(6.6)));
    data.incidents.add(incident("I-0", "api", hour(-5), hour(-4)));
    return data;
  }

  private static Report report(Duration attributionWindow) {
    return MetricsReport.compute(
        data().sources(),
        ReportOptions.builder("acme", WEEK)
            .dora(
                DoraOptions.builder()
                    .productionEnvironments(java.util.List.of("production"))
                    .incidentAttributionWindow(attributionWindow)
                    .build())
            .build());
  }

  @Test
  void withAWindow_theUnnamedIncidentNearADeploymentIsLinkedAndSaysSo() {
    Report.IncidentLinks links = report(Duration.ofHours(4)).incidentLinks();

    assertEquals(1, links.named());
    assertEquals(1, links.attributionWindow(), "I-2, 2 h after b3");
    assertEquals(1, links.unlinked(), "I-3, 3 days after b3");
    assertTrue(links.changeFailureRate().incidentLinked());
    assertEquals(2, links.changeFailureRate().failed(), "b1 and b3");
    assertEquals(4, links.changeFailureRate().total());
  }

  @Test
  void withoutAWindow_onlyTheNamedIncidentLinks() {
    Report report = report(Duration.ZERO);
    Report.IncidentLinks links = report.incidentLinks();

    assertEquals(1, links.named());
    assertEquals(0, links.attributionWindow());
    assertEquals(2, links.unlinked());
    assertEquals(1, links.changeFailureRate().failed());
    assertEquals(0, report.dora().changeFailureRate().failed(), "the deployments all succeeded");
    assertFalse(report.dora().changeFailureRate().incidentLinked());
  }

  @Test
  void json_carriesTheLinksAndTheirRate() {
    Map<String, Object> json =
        MiniJson.obj(MiniJson.parse(ReportJson.write(report(Duration.ofHours(4)))));
    Map<String, Object> links = MiniJson.obj(json.get("incidentLinks"));

    assertEquals(1L, links.get("named"));
    assertEquals(1L, links.get("attributionWindow"));
    assertEquals(1L, links.get("unlinked"));
    assertEquals(0.5, MiniJson.obj(links.get("changeFailureRate")).get("rate"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Report.IncidentLinks(-1, 0, 0, report(Duration.ZERO).dora().changeFailureRate()));
  }
}
