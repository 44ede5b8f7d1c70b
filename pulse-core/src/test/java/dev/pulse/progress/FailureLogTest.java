package dev.pulse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.StoreException;
import dev.pulse.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class FailureLogTest {
  @Test
  void failed_burst_countsAllLogsOncePerInterval() {
    FakeClock clock = new FakeClock();
    FailureLog log = new FailureLog(clock, Duration.ofMinutes(1).toNanos());
    StoreException error = new StoreException("down", null);

    for (int i = 0; i < 10; i++) {
      log.failed("write", "scope", error);
    }
    assertEquals(10, log.failures());
    assertEquals(9, log.suppressed());

    clock.advance(Duration.ofMinutes(1));
    log.failed("write", "scope", error);
    assertEquals(11, log.failures());
    assertEquals(0, log.suppressed());
  }
}
