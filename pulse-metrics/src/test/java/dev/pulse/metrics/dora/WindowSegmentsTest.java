package dev.pulse.metrics.dora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class WindowSegmentsTest {

  private static Window window(long from, long to) {
    return new Window(Instant.ofEpochSecond(0, from), Instant.ofEpochSecond(0, to));
  }

  /** The windows holding {@code t}, by testing each one. */
  private static int[] scan(List<Window> windows, long t) {
    Instant at = Instant.ofEpochSecond(0, t);
    return IntStream.range(0, windows.size()).filter(k -> windows.get(k).contains(at)).toArray();
  }

  @Test
  void windowsAt_overlappingAdjacentAndOneNanosecondWindows() {
    List<Window> windows =
        List.of(window(0, 100), window(0, 10), window(10, 20), window(50, 51), window(90, 200));
    WindowSegments segments = WindowSegments.of(windows);
    for (long t = -5; t < 210; t++) {
      assertArrayEquals(scan(windows, t), segments.windowsAt(t), "at " + t);
    }
  }

  @Test
  void windowsAt_noWindows() {
    WindowSegments segments = WindowSegments.of(List.of());
    assertArrayEquals(new int[0], segments.windowsAt(0));
    assertArrayEquals(new int[0], segments.windowsAt(Long.MIN_VALUE));
  }

  @Test
  void windowsAt_windowsReachingBeyondTheSupportedRange() {
    List<Window> windows =
        List.of(
            new Window(Instant.ofEpochSecond(0, 5), Instant.MAX),
            window(0, 10),
            new Window(
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("1001-01-01T00:00:00Z")));
    WindowSegments segments = WindowSegments.of(windows);
    assertArrayEquals(new int[0], segments.windowsAt(Long.MIN_VALUE));
    assertArrayEquals(new int[] {1}, segments.windowsAt(4));
    assertArrayEquals(new int[] {0, 1}, segments.windowsAt(5));
    assertArrayEquals(new int[] {0}, segments.windowsAt(Long.MAX_VALUE));
  }

  @Test
  void windowsAt_randomWindowsAgreeWithTestingEach() {
    Random random = new Random(12);
    for (int round = 0; round < 50; round++) {
      List<Window> windows = new ArrayList<>();
      for (int k = random.nextInt(8); k > 0; k--) {
        long from = random.nextInt(100);
        windows.add(window(from, from + 1 + random.nextInt(40)));
      }
      WindowSegments segments = WindowSegments.of(windows);
      for (long t = -1; t < 150; t++) {
        assertArrayEquals(scan(windows, t), segments.windowsAt(t), "round " + round + " at " + t);
      }
    }
  }
}
