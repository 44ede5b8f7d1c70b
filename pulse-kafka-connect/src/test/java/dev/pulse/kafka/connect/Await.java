package dev.pulse.kafka.connect;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the tests never wait a fixed time.
 * (Kafka's own {@code TestUtils.waitForCondition} sits in kafka-clients' test jar, which javac
 * cannot see next to the kafka-clients module this module requires.)
 */
final class Await {
  private static final Duration PAUSE = Duration.ofMillis(100);

  private Await() {}

  static void until(Duration timeout, Callable<Boolean> condition, Supplier<String> state)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not reached within " + timeout + ": " + state.get());
      }
      LockSupport.parkNanos(PAUSE.toNanos());
    }
  }
}
