package dev.pulse.metrics.flow;

import static dev.pulse.metrics.flow.Issues.hour;
import static dev.pulse.metrics.flow.Issues.to;
import static dev.pulse.metrics.flow.Issues.withHistory;
import static dev.pulse.model.NormalizedStatus.DONE;
import static dev.pulse.model.NormalizedStatus.IN_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.model.Issue;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FlowValidationTest {

  private static final Issue ISSUE =
      withHistory("A-1", hour(0), to(IN_PROGRESS, hour(1)), to(DONE, hour(2)));

  @SuppressWarnings("NullAway") // deliberately passing null to a non-null parameter
  @Test
  void calculators_nullArguments() {
    Collection<Issue> nullIssues = null;
    FlowScope nullScope = null;

    assertThrows(
        NullPointerException.class, () -> FlowMetrics.cycleTimes(nullIssues, FlowScope.all()));
    assertThrows(
        NullPointerException.class, () -> FlowMetrics.leadTimes(List.of(ISSUE), nullScope));
    assertThrows(
        NullPointerException.class, () -> FlowMetrics.wipAt(List.of(ISSUE), FlowScope.all(), null));
    assertThrows(
        NullPointerException.class,
        () -> FlowMetrics.agingWip(List.of(ISSUE), FlowScope.all(), null));
    assertThrows(
        NullPointerException.class,
        () ->
            FlowMetrics.throughput(
                List.of(ISSUE), FlowScope.all(), null, LocalDate.of(2026, 3, 2)));
    assertThrows(
        NullPointerException.class,
        () -> FlowMetrics.leadTimes(List.of(ISSUE), FlowScope.all(), null));
  }

  @Test
  void calculators_nullElement() {
    List<Issue> issues = new ArrayList<>(Arrays.asList(ISSUE, null));

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> FlowMetrics.wipNow(issues, FlowScope.all()));
    assertEquals("issues contains null at index 1", e.getMessage());
  }

  @Test
  void calculators_duplicateKey() {
    Issue again = withHistory("A-1", hour(5));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlowMetrics.cycleTimes(List.of(ISSUE, again), FlowScope.project("B")));
    assertTrue(String.valueOf(e.getMessage()).contains("A-1 more than once"), e.getMessage());
  }

  @Test
  void calculators_doNotModifyInput() {
    List<Issue> issues =
        new ArrayList<>(List.of(withHistory("A-2", hour(0), to(DONE, hour(9))), ISSUE));
    List<Issue> copy = List.copyOf(issues);

    FlowMetrics.leadTimes(issues, FlowScope.all());
    FlowMetrics.cumulativeFlow(
        issues, FlowScope.all(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3));

    assertEquals(copy, issues);
  }

  @Test
  void flowScope_blankProject() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FlowScope.project(" "));
    assertTrue(String.valueOf(e.getMessage()).contains("FlowScope.all()"), e.getMessage());
  }

  @Test
  void flowScope_includes() {
    assertTrue(FlowScope.all().includes(ISSUE));
    assertTrue(FlowScope.project("A").includes(ISSUE));
    assertEquals(false, FlowScope.project("a").includes(ISSUE));
  }

  @Test
  void flowWindow_endNotAfterStart() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new FlowWindow(hour(2), hour(2)));
    assertTrue(String.valueOf(e.getMessage()).contains("must be after"), e.getMessage());
  }

  @Test
  void flowPercentiles_nanOrEmpty() {
    assertThrows(
        IllegalArgumentException.class, () -> new FlowPercentiles(2, 5, Double.NaN, 6, 7, 8));
    assertThrows(IllegalArgumentException.class, () -> new FlowPercentiles(0, 1, 1, 1, 1, 1));
  }

  @Test
  void itemFlowTime_inconsistentDuration() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ItemFlowTime("A-1", "A", hour(0), hour(2), Duration.ofHours(3)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ItemFlowTime("A-1", "A", hour(2), hour(0), Duration.ofHours(-2)));
  }

  @Test
  void agingItem_inactiveStatus() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AgingItem("A-1", "A", DONE, hour(0), Duration.ZERO));
    assertTrue(String.valueOf(e.getMessage()).contains("must be active"), e.getMessage());
  }

  @Test
  void counts_negative() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new WipCount(FlowScope.all(), null, -1, 0, 0));
    assertEquals("inProgress must be >= 0 but was -1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new CumulativeFlowDay(LocalDate.of(2026, 3, 2), 0, 0, 0, -1));
  }

  @Test
  void leadTimeDistribution_inconsistentTotal() {
    List<BucketCount> buckets =
        Arrays.stream(LeadTimeBucket.values()).map(b -> new BucketCount(b, 1)).toList();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LeadTimeDistribution(
                    FlowScope.all(), null, buckets, 5, new FlowPercentiles(5, 1, 1, 1, 1, 1), 0));
    assertTrue(String.valueOf(e.getMessage()).contains("add up to 6"), e.getMessage());
  }
}
