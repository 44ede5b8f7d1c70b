package dev.pulse.connectors.jira;

import static dev.pulse.connectors.jira.JiraTestSupport.BG;
import static dev.pulse.connectors.jira.JiraTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.model.Issue;
import dev.pulse.testkit.fake.RandomChanges;
import dev.pulse.testkit.fake.jira.FakeJira;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading while the fake creates, edits and deletes issues at random, then catching up. */
final class JiraCatchUpTest {
  private final JiraTestSupport support = new JiraTestSupport();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261207})
  void randomChangesWhileReading_catchUp_storesExactlyTheSourcesIssues(long seed) {
    try (FakeJira fake =
            FakeJira.builder()
                .seed(seed)
                .project("BG", 80)
                .start(Instant.parse("2026-02-02T10:00:00Z"))
                .maxResultsCap(50)
                .start();
        JiraConnector connector = support.connector(fake)) {
      RandomChanges changes = fake.changeRandomly(seed, 3);
      Map<String, Issue> stored = new HashMap<>();

      Position mark = store(readAll(connector, BG, null, 7), stored, null);
      changes.stop();
      store(readAll(connector, BG, mark, 7), stored, mark);

      assertFalse(changes.created().isEmpty(), "issues were created: " + changes);
      assertFalse(changes.updated().isEmpty(), "issues were edited: " + changes);
      assertFalse(changes.deleted().isEmpty(), "issues were deleted: " + changes);
      Map<String, Instant> source = fake.updatedTimes("BG");
      for (Map.Entry<String, Instant> issue : source.entrySet()) {
        Issue mine = stored.get(issue.getKey());
        assertTrue(mine != null, issue.getKey() + " is stored");
        assertEquals(issue.getValue(), mine.updatedAt(), issue.getKey() + " in its last version");
      }
      Set<String> extra = new HashSet<>(stored.keySet());
      extra.removeAll(source.keySet());
      assertTrue(
          changes.deleted().containsAll(extra),
          "only deleted issues are stored beyond the source's: " + extra);
    }
  }

  /** Stores a read's issues by key (a later version replaces an earlier); returns its end. */
  private static @Nullable Position store(
      List<Batch<Issue>> batches, Map<String, Issue> stored, @Nullable Position from) {
    Position end = from;
    for (Batch<Issue> batch : batches) {
      batch.items().forEach(issue -> stored.put(issue.key(), issue));
      end = batch.position();
    }
    return end;
  }
}
