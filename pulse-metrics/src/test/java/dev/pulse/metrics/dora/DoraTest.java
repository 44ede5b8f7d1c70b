package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.at;
import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.model.Deployment;
import dev.pulse.model.PullRequest;
import dev.pulse.model.PullRequestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DoraTest {

  @Test
  void compute_overallIsWorstMetricLevel() {
    List<Deployment> deployments = new ArrayList<>();
    for (int day = 0; day < 28; day++) { // two successes a day: Elite frequency
      deployments.add(ok("a" + day, days(day) + 60));
      deployments.add(ok("b" + day, days(day) + 120));
    }
    for (int i = 0; i < 8; i++) { // eight failures restored in 30 min: Elite; CFR 8 / 64 = 12.5%: Medium (2023)
      deployments.add(fail("f" + i, days(i) + 30));
    }
    List<PullRequest> prs = List.of(new PullRequest("api", 1, at(0), at(0), at(10), at(20), at(20),
        PullRequestState.MERGED, "main", List.of(), at(20)));
    Window window = new Window(T0, T0.plus(Duration.ofDays(28)));

    DoraReport r = Dora.compute(deployments, prs, window, DoraOptions.defaults());

    assertEquals(DoraLevel.ELITE, r.deploymentFrequency().level());
    assertEquals(DoraLevel.ELITE, r.leadTime().level()); // merged at 20 min, deployed at 60 min
    assertEquals(DoraLevel.MEDIUM, r.changeFailureRate().level());
    assertEquals(MttrStatus.SUFFICIENT, r.timeToRestore().status());
    assertEquals(Duration.ofMinutes(30), r.timeToRestore().median()); // each failure at :30 restored at :60
    assertEquals(DoraLevel.MEDIUM, r.overall());
  }

  @Test
  void report_overallNotWorst_isRejected() {
    DoraReport r = Dora.compute(List.of(), List.of(), new Window(T0, T0.plusSeconds(60)), DoraOptions.defaults());

    assertEquals(DoraLevel.LOW, r.overall()); // no deployments is Low frequency; other metrics have no level
    assertThrows(IllegalArgumentException.class, () -> new DoraReport(r.window(), r.benchmark(),
        r.deploymentFrequency(), r.leadTime(), r.changeFailureRate(), r.timeToRestore(), DoraLevel.ELITE));
  }
}
