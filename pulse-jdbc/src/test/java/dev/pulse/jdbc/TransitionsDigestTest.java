package dev.pulse.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TransitionsDigestTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final StatusTransition DOING =
      StatusTransition.builder()
          .status(NormalizedStatus.IN_PROGRESS)
          .rawStatus("In Progress")
          .enteredAt(T0.plusSeconds(10))
          .exitedAt(T0.plusSeconds(20))
          .build();
  private static final StatusTransition DONE =
      StatusTransition.builder()
          .status(NormalizedStatus.DONE)
          .rawStatus("Done \u2713")
          .enteredAt(T0.plusSeconds(20))
          .build();

  @Test
  void of_knownLists_matchTheDocumentedEncoding() {
    // Stored digests outlive the JVM that wrote them: these values were computed independently
    // (Python's hashlib.sha256 over the encoding in TransitionsDigest's Javadoc), never by this
    // class.
    TransitionsDigest digest = new TransitionsDigest();
    assertEquals(2471432564362833907L, digest.of(List.of(DOING, DONE)));
    assertEquals(-7675390845474773434L, digest.of(List.of()));
  }

  @Test
  void of_sameStoredValues_sameDigest() {
    TransitionsDigest digest = new TransitionsDigest();
    StatusTransition sameMicros =
        DOING.toBuilder().enteredAt(T0.plusSeconds(10).plusNanos(999)).build();
    assertEquals(digest.of(List.of(DOING, DONE)), digest.of(List.of(sameMicros, DONE)));
  }

  @Test
  void of_anyStoredFieldOrTheOrderChanged_differs() {
    TransitionsDigest digest = new TransitionsDigest();
    long stored = digest.of(List.of(DOING, DONE));
    List<List<StatusTransition>> variants =
        List.of(
            List.of(DOING.toBuilder().status(NormalizedStatus.IN_REVIEW).build(), DONE),
            List.of(DOING.toBuilder().rawStatus("In progress").build(), DONE),
            List.of(DOING.toBuilder().enteredAt(T0.plusSeconds(10).plusNanos(1_000)).build(), DONE),
            List.of(DOING.toBuilder().exitedAt(null).build(), DONE),
            List.of(DOING, DONE.toBuilder().exitedAt(T0.plusSeconds(20)).build()),
            List.of(DONE, DOING),
            List.of(DOING),
            List.of(DOING, DONE, DONE));
    for (List<StatusTransition> variant : variants) {
      assertNotEquals(stored, digest.of(variant), variant.toString());
    }
  }
}
