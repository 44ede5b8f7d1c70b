package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the error codes: they are public API (status JSON, CLI output, HTTP envelopes), so codes may
 * be added at the end but never renamed, removed or reordered. A failure here means a breaking
 * change, not a stale test.
 */
final class ErrorCodeTest {
  private static final List<String> PUBLISHED =
      List.of(
          "SCOPE_NOT_FOUND",
          "INVALID_SCOPE_KEY",
          "INVALID_CONFIG",
          "SOURCE_UNAVAILABLE",
          "AUTH_FAILED",
          "RATE_LIMITED",
          "INVALID_DATA",
          "SINK_FAILED",
          "STORE_FAILED",
          "CANCELLED",
          "INTERNAL",
          "TIMED_OUT",
          "NO_PROGRESS");

  @Test
  void values_exactNamesInOrder() {
    List<String> names =
        Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toList());

    assertEquals(
        PUBLISHED, names, "error codes are public API: add new ones, never rename or remove one");
  }

  @Test
  void valueOf_everyPublishedName_resolves() {
    for (int i = 0; i < PUBLISHED.size(); i++) {
      ErrorCode code = ErrorCode.valueOf(PUBLISHED.get(i));

      assertEquals(List.of(ErrorCode.values()).get(i), code, PUBLISHED.get(i) + " keeps its place");
      assertEquals(PUBLISHED.get(i), code.toString(), "toString is the published name");
    }
  }
}
