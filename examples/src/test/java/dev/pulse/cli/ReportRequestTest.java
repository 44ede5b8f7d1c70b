package dev.pulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ReportRequestTest {
  @Test
  void parse_defaultsToEveryTeamOverNinetyDaysWithoutDrillDown() {
    assertEquals(new ReportRequest(null, Duration.ofDays(90), false), ReportRequest.parse(null));
    assertEquals(new ReportRequest(null, Duration.ofDays(90), false), ReportRequest.parse(""));
  }

  @Test
  void parse_readsTheWindowAsPulseMetricsDoes() {
    assertEquals(
        new ReportRequest("core team", Duration.ofDays(84), true),
        ReportRequest.parse("team=core%20team&window=12w&drilldown"));
    assertEquals(
        new ReportRequest(null, Duration.ofHours(36), false),
        ReportRequest.parse("window=PT36H&drilldown=false"));
  }

  @Test
  void parse_namesEveryBadParameter() {
    CliFailure failure =
        assertThrows(
            CliFailure.class,
            () -> ReportRequest.parse("window=90x&drilldown=maybe&team=&team=a&who=me"));
    assertEquals(ErrorCode.INVALID_CONFIG, failure.code());
    String message = String.valueOf(failure.getMessage());
    assertTrue(message.contains("window must be like 90d, 12w, 36h or P90D"), message);
    assertTrue(message.contains("drilldown must be true or false"), message);
    assertTrue(message.contains("team must not be blank"), message);
    assertTrue(message.contains("parameter team is given twice"), message);
    assertTrue(message.contains("unknown parameter \"who\""), message);
  }

  @Test
  void parse_capsTheWindow() {
    CliFailure failure = assertThrows(CliFailure.class, () -> ReportRequest.parse("window=600w"));
    assertTrue(String.valueOf(failure.getMessage()).contains("at most 3660d"));
    assertEquals(Duration.ofDays(3654), ReportRequest.parse("window=522w").window());
  }
}
