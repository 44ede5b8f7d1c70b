package dev.pulse.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.metrics.dora.DoraReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** DORA from hand-built records: the example computes and prints the expected figures. */
final class DoraFromYourRecordsTest {
  @Test
  void report_countsTheFailureAndItsRestore() {
    DoraReport report = DoraFromYourRecords.report();
    assertEquals(3, report.deploymentFrequency().deployments(), "successful deployments");
    assertEquals(1, report.leadTime().deployed(), "the pull request shipped by 101");
    assertEquals(1, report.changeFailureRate().failed());
    assertEquals(4, report.changeFailureRate().total());
    assertEquals(1, report.timeToRestore().resolved());
    Duration restore = report.timeToRestore().median();
    assertNotNull(restore);
    assertTrue(restore.compareTo(Duration.ofHours(1)) <= 0, "restored within the hour: " + restore);
  }

  @Test
  void main_printsEveryKey() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      DoraFromYourRecords.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("deployment frequency: "), out);
    assertTrue(out.contains("change failure rate:   "), out);
    assertTrue(out.contains("time to restore:       PT"), out);
    assertTrue(out.contains("overall level:         "), out);
  }
}
