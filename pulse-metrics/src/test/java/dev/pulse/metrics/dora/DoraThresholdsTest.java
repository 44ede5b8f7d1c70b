package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

final class DoraThresholdsTest {

  private static final Duration NANO = Duration.ofNanos(1);
  private static final List<DoraLevel> BOUNDED =
      List.of(DoraLevel.ELITE, DoraLevel.HIGH, DoraLevel.MEDIUM);

  static Stream<Arguments> cuts() {
    List<Arguments> out = new ArrayList<>();
    for (DoraThresholds b : DoraThresholds.values()) {
      for (DoraLevel level : BOUNDED) {
        out.add(Arguments.of(b, level));
      }
    }
    return out.stream();
  }

  private static DoraLevel next(DoraLevel level) {
    return switch (level) {
      case ELITE -> DoraLevel.HIGH;
      case HIGH -> DoraLevel.MEDIUM;
      case MEDIUM, LOW -> DoraLevel.LOW;
    };
  }

  @ParameterizedTest
  @MethodSource("cuts")
  void deploymentFrequencyLevel_atJustAboveAndJustBelowEachCut(DoraThresholds b, DoraLevel level) {
    Duration perDeployment = Duration.ofDays(b.daysPerDeployment(level));

    // one deployment in exactly N days is exactly the minimum rate: the level is reached
    assertEquals(level, b.deploymentFrequencyLevel(1, perDeployment));
    // a nanosecond shorter window is a slightly higher rate: still reached
    assertEquals(level, b.deploymentFrequencyLevel(1, perDeployment.minus(NANO)));
    // a nanosecond longer window is a slightly lower rate: the next level
    assertEquals(next(level), b.deploymentFrequencyLevel(1, perDeployment.plus(NANO)));
  }

  @ParameterizedTest
  @MethodSource("cuts")
  void leadTimeLevel_atJustAboveAndJustBelowEachCut(DoraThresholds b, DoraLevel level) {
    Duration bound = b.leadTimeBelow(level);

    assertEquals(next(level), b.leadTimeLevel(bound));
    assertEquals(next(level), b.leadTimeLevel(bound.plus(NANO)));
    assertEquals(level, b.leadTimeLevel(bound.minus(NANO)));
  }

  @ParameterizedTest
  @MethodSource("cuts")
  void recoveryTimeLevel_atJustAboveAndJustBelowEachCut(DoraThresholds b, DoraLevel level) {
    Duration bound = b.recoveryBelow(level);

    assertEquals(next(level), b.recoveryTimeLevel(bound));
    assertEquals(next(level), b.recoveryTimeLevel(bound.plus(NANO)));
    assertEquals(level, b.recoveryTimeLevel(bound.minus(NANO)));
  }

  @ParameterizedTest
  @MethodSource("cuts")
  void changeFailureRateLevel_atJustAboveAndJustBelowEachCut(DoraThresholds b, DoraLevel level) {
    long percent = b.failurePercentAtMost(level);

    assertEquals(level, b.changeFailureRateLevel(percent, 100));
    assertEquals(next(level), b.changeFailureRateLevel(percent * 1_000_000 + 1, 100_000_000));
    assertEquals(level, b.changeFailureRateLevel(percent * 1_000_000 - 1, 100_000_000));
  }

  @Test
  void tables_matchDocumentedCutPoints() {
    assertEquals(List.of(1L, 30L, 180L), days(DoraThresholds.DORA_2021));
    assertEquals(List.of(1L, 7L, 30L), days(DoraThresholds.DORA_2023));
    assertEquals(List.of(1L, 7L, 30L), days(DoraThresholds.DORA_2024));
    assertEquals(
        List.of(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(180)),
        lead(DoraThresholds.DORA_2021));
    assertEquals(
        List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)),
        lead(DoraThresholds.DORA_2023));
    assertEquals(
        List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)),
        lead(DoraThresholds.DORA_2024));
    assertEquals(List.of(15, 20, 30), cfr(DoraThresholds.DORA_2021));
    assertEquals(List.of(5, 10, 15), cfr(DoraThresholds.DORA_2023));
    assertEquals(List.of(5, 10, 20), cfr(DoraThresholds.DORA_2024));
    for (DoraThresholds b : DoraThresholds.values()) {
      assertEquals(
          List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7)),
          recovery(b),
          b.name());
    }
  }

  private static List<Long> days(DoraThresholds b) {
    return BOUNDED.stream().map(b::daysPerDeployment).toList();
  }

  private static List<Duration> lead(DoraThresholds b) {
    return BOUNDED.stream().map(b::leadTimeBelow).toList();
  }

  private static List<Integer> cfr(DoraThresholds b) {
    return BOUNDED.stream().map(b::failurePercentAtMost).toList();
  }

  private static List<Duration> recovery(DoraThresholds b) {
    return BOUNDED.stream().map(b::recoveryBelow).toList();
  }

  @ParameterizedTest
  @EnumSource(DoraThresholds.class)
  void levels_extremes(DoraThresholds b) {
    assertEquals(DoraLevel.LOW, b.deploymentFrequencyLevel(0, Duration.ofDays(30)));
    assertEquals(DoraLevel.ELITE, b.deploymentFrequencyLevel(100, Duration.ofDays(1)));
    assertEquals(DoraLevel.ELITE, b.leadTimeLevel(Duration.ZERO));
    assertEquals(DoraLevel.LOW, b.leadTimeLevel(Duration.ofDays(10_000)));
    assertEquals(DoraLevel.ELITE, b.changeFailureRateLevel(0, 1));
    assertEquals(DoraLevel.LOW, b.changeFailureRateLevel(1, 1));
    assertEquals(DoraLevel.ELITE, b.recoveryTimeLevel(Duration.ZERO));
  }

  @Test
  void boundaryOfLow_isRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DoraThresholds.DORA_2023.leadTimeBelow(DoraLevel.LOW));
    assertEquals("level LOW has no boundary; it is everything below MEDIUM", e.getMessage());
  }

  @Test
  void classifiers_invalidArguments_areRejectedWithValue() {
    DoraThresholds b = DoraThresholds.DORA_2023;
    assertEquals(
        "total must be > 0 but was 0",
        assertThrows(IllegalArgumentException.class, () -> b.changeFailureRateLevel(0, 0))
            .getMessage());
    assertEquals(
        "failed must be in [0, 3] but was 4",
        assertThrows(IllegalArgumentException.class, () -> b.changeFailureRateLevel(4, 3))
            .getMessage());
    assertEquals(
        "window must be > 0 but was PT0S",
        assertThrows(
                IllegalArgumentException.class, () -> b.deploymentFrequencyLevel(1, Duration.ZERO))
            .getMessage());
    assertEquals(
        "deployments must be >= 0 but was -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> b.deploymentFrequencyLevel(-1, Duration.ofDays(1)))
            .getMessage());
    assertEquals(
        "median lead time must be >= 0 but was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> b.leadTimeLevel(Duration.ofSeconds(-1)))
            .getMessage());
  }

  @Test
  void worst_isTheLevelFurthestFromElite() {
    assertEquals(
        Optional.of(DoraLevel.MEDIUM),
        DoraLevel.worst(
            Optional.of(DoraLevel.ELITE),
            Optional.empty(),
            Optional.of(DoraLevel.MEDIUM),
            Optional.of(DoraLevel.HIGH)));
    assertEquals(Optional.empty(), DoraLevel.worst(Optional.empty(), Optional.empty()));
    assertEquals(DoraLevel.LOW, DoraLevel.ELITE.worse(DoraLevel.LOW));
  }

  @Test
  void dora2021_gapsBetweenPublishedBands_goToTheWorseNeighbour() {
    DoraThresholds b = DoraThresholds.DORA_2021;

    // one deployment every 3 days: below daily (Elite), at least weekly (High)
    assertEquals(DoraLevel.HIGH, b.deploymentFrequencyLevel(10, Duration.ofDays(30)));
    // lead time 2 hours: between under one hour (Elite) and one day to one week (High)
    assertEquals(DoraLevel.HIGH, b.leadTimeLevel(Duration.ofHours(2)));
    // lead time 2 weeks: between one day to one week (High) and one to six months (Medium)
    assertEquals(DoraLevel.MEDIUM, b.leadTimeLevel(Duration.ofDays(14)));
    // time to restore 2 months: between one day to one week (Medium) and over six months (Low)
    assertEquals(DoraLevel.LOW, b.recoveryTimeLevel(Duration.ofDays(60)));
  }

  @Test
  void dora2024_recoveryGapOfOneDayToOneWeek_isMedium() {
    assertEquals(DoraLevel.MEDIUM, DoraThresholds.DORA_2024.recoveryTimeLevel(Duration.ofDays(3)));
  }
}
