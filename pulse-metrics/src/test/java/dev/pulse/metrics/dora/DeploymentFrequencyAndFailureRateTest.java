package dev.pulse.metrics.dora;

import static dev.pulse.metrics.dora.Fixtures.T0;
import static dev.pulse.metrics.dora.Fixtures.days;
import static dev.pulse.metrics.dora.Fixtures.deploy;
import static dev.pulse.metrics.dora.Fixtures.fail;
import static dev.pulse.metrics.dora.Fixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.Incident;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DeploymentFrequencyAndFailureRateTest {

  private static final DoraOptions OPTIONS = DoraOptions.defaults();
  private static final Window WEEK = new Window(T0, T0.plus(Duration.ofDays(7)));

  private static final List<Deployment> DEPLOYMENTS =
      List.of(
          ok("s1", 0), // first instant of the window: in
          ok("s2", 60), // same day
          ok("s3", days(2)),
          deploy("api", "prod", "s4", days(3), DeploymentResult.SUCCESS), // alias of production
          deploy(
              "web",
              "production",
              "s5",
              days(3) + 5,
              DeploymentResult.SUCCESS), // another repository, same day
          fail("f1", days(4)),
          deploy("api", "production", "a1", days(4), DeploymentResult.ABORTED), // in neither count
          deploy("api", "staging", "x1", days(5), DeploymentResult.SUCCESS), // not production
          deploy("api", "staging", "x2", days(5), DeploymentResult.FAILURE),
          ok("late", days(7)), // first instant after the window: out
          fail("early", -1)); // before the window: out

  @Test
  void deploymentFrequency_countsProductionSuccessesInHalfOpenWindow() {
    DeploymentFrequencyResult r = DeploymentFrequency.compute(DEPLOYMENTS, WEEK, OPTIONS);

    // 5 successes on days 0, 2, 3: 5 / 7 per day, 3 deploy days per week; one week, so the
    // median is 3 deploy days, below the 5 of Elite
    assertEquals(
        new DeploymentFrequencyResult(5, 3, 5.0 / 7, 3.0, 3.0, 3.0, DoraLevel.HIGH, DoraLevel.HIGH),
        r);
  }

  @Test
  void deploymentFrequency_deployDaysFollowZone() {
    DoraOptions options = OPTIONS.toBuilder().zone(ZoneId.of("America/Sao_Paulo")).build();

    // in UTC-3, 00:00Z and 01:00Z fall on the previous day, so s1 and s2 now share a day with
    // nothing else
    DeploymentFrequencyResult r = DeploymentFrequency.compute(DEPLOYMENTS, WEEK, options);

    assertEquals(3, r.deployDays());
  }

  @Test
  void deploymentFrequency_onePerDay_isElite() {
    DeploymentFrequencyResult r =
        DeploymentFrequency.compute(
            List.of(
                ok("a", 0),
                ok("b", days(1)),
                ok("c", days(2)),
                ok("d", days(3)),
                ok("e", days(4)),
                ok("f", days(5)),
                ok("g", days(6))),
            WEEK,
            OPTIONS);

    assertEquals(
        new DeploymentFrequencyResult(7, 7, 1.0, 7.0, 7.0, 7.0, DoraLevel.ELITE, DoraLevel.ELITE),
        r);
  }

  private static final Window FOUR_WEEKS = new Window(T0, T0.plus(Duration.ofDays(28)));

  @Test
  void deploymentFrequency_weekdayDeployer_isElite() {
    // T0 is a Monday: one deployment on each weekday of four weeks, none at weekends
    List<Deployment> deployments = new java.util.ArrayList<>();
    for (int week = 0; week < 4; week++) {
      for (int weekday = 0; weekday < 5; weekday++) {
        deployments.add(ok("w" + week + "d" + weekday, days(7L * week + weekday) + 600));
      }
    }

    DeploymentFrequencyResult r = DeploymentFrequency.compute(deployments, FOUR_WEEKS, OPTIONS);

    // 20 deployments over 28 days = 0.714 per day, which alone is High; 5 deploy days in every
    // week, median 5: Elite. 28 dates are shorter than a month, so the window is the one month
    assertEquals(
        new DeploymentFrequencyResult(
            20, 20, 20.0 / 28, 5.0, 5.0, 20.0, DoraLevel.ELITE, DoraLevel.HIGH),
        r);
  }

  @Test
  void deploymentFrequency_mondayBurst_isHighNotElite() {
    // seven deployments every Monday, nothing else
    List<Deployment> deployments = new java.util.ArrayList<>();
    for (int week = 0; week < 4; week++) {
      for (int k = 0; k < 7; k++) {
        deployments.add(ok("m" + week + "k" + k, days(7L * week) + 60L * k));
      }
    }

    DeploymentFrequencyResult r = DeploymentFrequency.compute(deployments, FOUR_WEEKS, OPTIONS);

    // 28 deployments in 28 days is one per day, Elite by rate; but one deploy day per week: High
    assertEquals(
        new DeploymentFrequencyResult(28, 4, 1.0, 1.0, 1.0, 4.0, DoraLevel.HIGH, DoraLevel.ELITE),
        r);
    DoraOptions dora2021 = OPTIONS.toBuilder().benchmark(DoraThresholds.DORA_2021).build();
    // 2021: High needs one deploy day per 30 dates; the 28-date window is the only block
    assertEquals(
        DoraLevel.HIGH, DeploymentFrequency.compute(deployments, FOUR_WEEKS, dora2021).level());
  }

  @Test
  void deploymentFrequency_medianOfTwoWeeks_interpolates() {
    // week 1: Monday to Friday; week 2: Wednesday only; day 14 starts an incomplete third week
    List<Deployment> deployments =
        List.of(
            ok("a", 0),
            ok("b", days(1)),
            ok("c", days(2)),
            ok("d", days(3)),
            ok("e", days(4)),
            ok("f", days(9)),
            ok("g", days(14)),
            ok("h", days(15)));
    Window window = new Window(T0, T0.plus(Duration.ofDays(17)));

    DeploymentFrequencyResult r = DeploymentFrequency.compute(deployments, window, OPTIONS);

    // blocks of 7 dates: days 0-6 (5), days 7-13 (1); days 14-16 are incomplete and left out:
    // median (1 + 5) / 2 = 3, High. The 17 dates are the one month: 8 deploy days
    assertEquals(3.0, r.medianDeployDaysPerWeek());
    assertEquals(8.0, r.medianDeployDaysPerMonth());
    assertEquals(DoraLevel.HIGH, r.level());
  }

  @Test
  void deploymentFrequency_noDeploymentInAnyMonth_isLow() {
    Window sixtyDays = new Window(T0, T0.plus(Duration.ofDays(60)));

    // one deploy day in the first 30 dates, none in the second: median (0 + 1) / 2 = 0.5 < 1
    DeploymentFrequencyResult r =
        DeploymentFrequency.compute(List.of(ok("a", days(3))), sixtyDays, OPTIONS);

    assertEquals(0.0, r.medianDeployDaysPerWeek());
    assertEquals(0.5, r.medianDeployDaysPerMonth());
    assertEquals(DoraLevel.LOW, r.level());
  }

  @Test
  void changeFailureRate_failedOverProductionSuccessesAndFailures() {
    ChangeFailureRateResult r = ChangeFailureRate.compute(DEPLOYMENTS, WEEK, OPTIONS);

    // 5 successes + 1 failure in production; aborted, staging and out-of-window ones are not
    // counted
    assertEquals(new ChangeFailureRateResult(1, 6, 1.0 / 6, DoraLevel.LOW, false), r);
  }

  @Test
  void changeFailureRate_noDeployments_hasNoRateOrLevel() {
    assertEquals(
        new ChangeFailureRateResult(0, 0, null, null, false),
        ChangeFailureRate.compute(List.of(), WEEK, OPTIONS));
  }

  @Test
  void changeFailureRate_incidentLinked_countsDeploymentsThatCausedIncidents() {
    Pairing pairing = DeploymentPairer.of(OPTIONS).pair(DEPLOYMENTS);
    List<Incident> incidents =
        List.of(
            Fixtures.incident("i1", "api", T0.plusSeconds(10), null, "s2"),
            Fixtures.incident(
                "i2", "api", T0.plusSeconds(20), null, "s2"), // same deployment counted once
            Fixtures.incident("i3", "web", T0.plusSeconds(30), null, "s5"),
            Fixtures.incident(
                "i4", "web", T0.plusSeconds(40), null, "s1"), // s1 is an api build, not web
            Fixtures.incident("i5", "api", T0.plusSeconds(50), null, null));

    ChangeFailureRateResult r = ChangeFailureRate.incidentLinked(pairing, incidents, WEEK, OPTIONS);

    assertEquals(new ChangeFailureRateResult(2, 6, 2.0 / 6, DoraLevel.LOW, true), r);
  }

  @Test
  void changeFailureRate_levelUsesExactCounts() {
    // 1 failure in 20 deployments is exactly 5%: Elite under DORA 2023 and 2024
    List<Deployment> deployments = new java.util.ArrayList<>();
    deployments.add(fail("f", 0));
    for (int i = 0; i < 19; i++) {
      deployments.add(ok("s" + i, i + 1));
    }

    assertEquals(DoraLevel.ELITE, ChangeFailureRate.compute(deployments, WEEK, OPTIONS).level());
  }

  @Test
  void deploymentFrequency_dstWeek_deployDaysPerWeekIsAtMostSeven() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    DoraOptions options = OPTIONS.toBuilder().zone(berlin).build();
    // Monday to Monday around the spring change of 2026-03-29: 167 hours, 7 dates
    java.time.ZonedDateTime monday = java.time.LocalDate.of(2026, 3, 23).atStartOfDay(berlin);
    Window week = new Window(monday.toInstant(), monday.plusDays(7).toInstant());
    List<Deployment> daily = new java.util.ArrayList<>();
    for (int d = 0; d < 7; d++) {
      java.time.Instant noon = monday.plusDays(d).plusHours(12).toInstant();
      daily.add(
          Fixtures.deployment("api", "production", "b" + d, noon, noon, DeploymentResult.SUCCESS));
    }

    DeploymentFrequencyResult r = DeploymentFrequency.compute(daily, week, options);

    assertEquals(7, r.deployDays());
    assertEquals(7.0, r.deployDaysPerWeek());
  }

  @Test
  void deploymentFrequency_midDayWindow_dividesByDatesTouched() {
    // Monday 12:00 to Monday 12:00 touches 8 dates; a deployment on each of them is 7 deploy days
    // per week
    Window week =
        new Window(
            T0.plus(Duration.ofHours(12)), T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(12)));
    List<Deployment> deployments = new java.util.ArrayList<>();
    deployments.add(ok("first", Duration.ofHours(12).toMinutes()));
    for (int d = 1; d <= 7; d++) {
      deployments.add(ok("d" + d, days(d) + 60));
    }

    DeploymentFrequencyResult r = DeploymentFrequency.compute(deployments, week, OPTIONS);

    assertEquals(8, r.deployDays());
    assertEquals(7.0, r.deployDaysPerWeek());
    assertEquals(8.0 / 7, r.deploymentsPerDay());
  }

  @Test
  void deploymentFrequency_deployDaysPerWeek_usesDatesOfTheZone() {
    // in UTC-3 the UTC week [T0, T0 + 7d) touches 8 local dates; s1 and s2 share one, s3 one, s4
    // and s5 one
    DoraOptions options = OPTIONS.toBuilder().zone(ZoneId.of("America/Sao_Paulo")).build();

    DeploymentFrequencyResult r = DeploymentFrequency.compute(DEPLOYMENTS, WEEK, options);

    assertEquals(3 * 7.0 / 8, r.deployDaysPerWeek());
  }
}
