package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.DeploymentResult;
import dev.pulse.model.Incident;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IncidentAttributionTest {
  private static final DeploymentResult OK = DeploymentResult.SUCCESS;

  private static Pairing pairing(DoraOptions options) {
    return DeploymentPairer.of(options)
        .pair(
            List.of(
                deploy("api", "production", "p1", 0, OK),
                deploy("api", "production", "p2", 100, OK),
                deploy("api", "staging", "s1", 110, OK),
                deploy("api", "production", "p3", 200, DeploymentResult.FAILURE)));
  }

  private static final List<Incident> INCIDENTS =
      List.of(
          // names its deployment
          incident("i1", "api", at(50), at(60), "p1"),
          // 20 minutes after p2 (the staging deployment at 110 does not count)
          incident("i2", "api", at(120), at(130), null),
          // 150 minutes after p2, the failed p3 is no cause
          incident("i3", "api", at(250), null, null),
          // another service
          incident("i4", "web", at(120), null, null));

  @Test
  void attribute_withinTheWindowTheLatestProductionSuccessIsTheCauseAndSaysSo() {
    DoraOptions options =
        DoraOptions.builder().incidentAttributionWindow(Duration.ofMinutes(60)).build();
    List<AttributedIncident> attributed =
        ChangeFailureRate.attribute(pairing(options), INCIDENTS, options);
    assertEquals(
        List.of("i1 p1 NAMED", "i2 p2 ATTRIBUTION_WINDOW", "i3 null NONE", "i4 null NONE"),
        attributed.stream()
            .map(a -> a.incident().id() + " " + a.deploymentBuildId() + " " + a.attribution())
            .toList());
    ChangeFailureRateResult cfr =
        ChangeFailureRate.incidentLinked(
            pairing(options), INCIDENTS, new Window(at(0), at(300)), options);
    // p1 (named) and p2 (attributed) caused incidents, of p1, p2 and the failed p3
    assertEquals(2, cfr.failed());
    assertEquals(3, cfr.total());
  }

  @Test
  void attribute_offByDefault_onlyNamedIncidentsAreLinked() {
    DoraOptions options = DoraOptions.defaults();
    List<AttributedIncident> attributed =
        ChangeFailureRate.attribute(pairing(options), INCIDENTS, options);
    assertEquals(
        List.of(
            IncidentAttribution.NAMED,
            IncidentAttribution.NONE,
            IncidentAttribution.NONE,
            IncidentAttribution.NONE),
        attributed.stream().map(AttributedIncident::attribution).toList());
  }

  @Test
  void attribute_windowBoundaryIsInclusive() {
    DoraOptions options =
        DoraOptions.builder().incidentAttributionWindow(Duration.ofMinutes(20)).build();
    assertEquals(
        IncidentAttribution.ATTRIBUTION_WINDOW,
        ChangeFailureRate.attribute(pairing(options), INCIDENTS.subList(1, 2), options)
            .get(0)
            .attribution());
  }

  @Test
  void incidentAttributionWindow_negativeIsRejectedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DoraOptions.builder().incidentAttributionWindow(Duration.ofMinutes(-1)));
    assertTrue(e.getMessage().contains("incidentAttributionWindow"), e.getMessage());
  }
}
