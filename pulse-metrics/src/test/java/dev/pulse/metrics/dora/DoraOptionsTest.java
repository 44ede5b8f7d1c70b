package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

final class DoraOptionsTest {

  private static @Nullable String rejected(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void defaults_matchDocumentation() {
    DoraOptions o = DoraOptions.defaults();

    assertEquals(Duration.ofDays(7), o.openIncidentWindow());
    assertEquals(Duration.ofMinutes(5), o.flakyThreshold());
    assertEquals(5, o.minSample());
    assertEquals("production", o.productionEnvironment());
    assertEquals(DoraThresholds.DORA_2023, o.benchmark());
    assertEquals(ZoneOffset.UTC, o.zone());
    assertEquals(Map.of("prod", "production"), o.environmentAliases().asMap());
  }

  @Test
  void openIncidentWindow_zeroOrNegative_isRejected() {
    assertEquals(
        "openIncidentWindow must be > 0 but was PT0S",
        rejected(() -> DoraOptions.builder().openIncidentWindow(Duration.ZERO)));
    assertEquals(
        "openIncidentWindow must be > 0 but was PT-1H",
        rejected(() -> DoraOptions.builder().openIncidentWindow(Duration.ofHours(-1))));
  }

  @Test
  void openIncidentWindowAndFlakyThreshold_aboveTenYears_areRejectedButTenYearsAccepted() {
    Duration tooLong = Duration.ofDays(3650).plusNanos(1);

    assertEquals(
        "openIncidentWindow must be <= PT87600H (3650 days) but was PT87600H0.000000001S",
        rejected(() -> DoraOptions.builder().openIncidentWindow(tooLong)));
    assertEquals(
        "flakyThreshold must be <= PT87600H (3650 days) but was PT2562047H47M16.854775807S",
        rejected(() -> DoraOptions.builder().flakyThreshold(Duration.ofNanos(Long.MAX_VALUE))));
    assertEquals(
        "openIncidentWindow must be <= PT87600H (3650 days) but was PT2562047788015H12M55S",
        rejected(
            () ->
                DoraOptions.builder()
                    .openIncidentWindow(Duration.ofSeconds(Long.MAX_VALUE / 1000))));
    DoraOptions max =
        DoraOptions.builder()
            .openIncidentWindow(DoraOptions.MAX_DURATION)
            .flakyThreshold(DoraOptions.MAX_DURATION)
            .build();
    assertEquals(Duration.ofDays(3650), max.openIncidentWindow());
    assertEquals(Duration.ofDays(3650), max.flakyThreshold());
  }

  @Test
  void minSample_belowOne_isRejected() {
    assertEquals(
        "minSample must be >= 1 but was 0", rejected(() -> DoraOptions.builder().minSample(0)));
  }

  @Test
  void flakyThreshold_negative_isRejectedButZeroAccepted() {
    assertEquals(
        "flakyThreshold must be >= 0 but was PT-1S",
        rejected(() -> DoraOptions.builder().flakyThreshold(Duration.ofSeconds(-1))));
    assertEquals(
        Duration.ZERO,
        DoraOptions.builder().flakyThreshold(Duration.ZERO).build().flakyThreshold());
  }

  @Test
  void productionEnvironment_blank_isRejected_andIsNormalized() {
    assertEquals(
        "productionEnvironment must not be blank but was ' '",
        rejected(() -> DoraOptions.builder().productionEnvironment(" ")));
    assertEquals(
        "production",
        DoraOptions.builder().productionEnvironment(" PROD ").build().productionEnvironment());
  }

  @Test
  void toBuilder_roundTrips() {
    DoraOptions o = DoraOptions.builder().minSample(3).benchmark(DoraThresholds.DORA_2021).build();

    assertEquals(o.toString(), o.toBuilder().build().toString());
  }

  @Test
  void environmentAliases_invalidTables_areRejected() {
    assertEquals(
        "alias must not be blank but was ' '",
        rejected(() -> EnvironmentAliases.of(Map.of(" ", "x"))));
    assertEquals(
        "canonical name 'prod' of alias 'prd' is itself an alias of 'production'",
        rejected(() -> EnvironmentAliases.of(Map.of("prd", "prod", "prod", "production"))));
    assertEquals(
        "production", EnvironmentAliases.of(Map.of("PRD", "Production")).normalize(" prd"));
    assertEquals("qa", EnvironmentAliases.defaults().normalize(" QA "));
  }

  @Test
  void window_endNotAfterStart_isRejected() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");

    assertEquals(
        "window end must be after start but was [2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z)",
        rejected(() -> new Window(t, t)));
    assertEquals(
        "length must be > 0 but was PT0S", rejected(() -> Window.ending(t, Duration.ZERO)));
    assertEquals(Duration.ofDays(28), Window.ending(t, Duration.ofDays(28)).length());
  }
}
