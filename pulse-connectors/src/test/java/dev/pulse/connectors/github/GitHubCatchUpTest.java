package dev.pulse.connectors.github;

import static dev.pulse.connectors.github.GitHubTestSupport.API;
import static dev.pulse.connectors.github.GitHubTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.Batch;
import dev.pulse.Position;
import dev.pulse.model.PullRequest;
import dev.pulse.testkit.fake.RandomChanges;
import dev.pulse.testkit.fake.github.FakeGitHub;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading while the fake opens, edits and removes pull requests at random, then catching up. */
final class GitHubCatchUpTest {
  private final GitHubTestSupport support = new GitHubTestSupport();

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 20261207})
  void randomChangesWhileReading_catchUp_storesExactlyTheSourcesPullRequests(long seed) {
    try (FakeGitHub fake = support.fake().seed(seed).repository("api", 60).start();
        GitHubConnector connector = support.builder(fake).maxPageSize(7).build()) {
      RandomChanges changes = fake.changeRandomly(seed, 3);
      Map<Long, PullRequest> stored = new HashMap<>();

      Position mark = store(readAll(connector, API, null, 7), stored, null);
      changes.stop();
      store(readAll(connector, API, mark, 7), stored, mark);

      assertFalse(changes.created().isEmpty(), "pull requests were opened: " + changes);
      assertFalse(changes.updated().isEmpty(), "pull requests were edited: " + changes);
      assertFalse(changes.deleted().isEmpty(), "pull requests were removed: " + changes);
      Set<Long> source = new HashSet<>();
      for (long number : fake.numbersInOrder("acme/api")) {
        source.add(number);
        PullRequest mine = stored.get(number);
        assertTrue(mine != null, "#" + number + " is stored");
        assertEquals(
            fake.pullRequest("acme/api", number).updated(),
            mine.updatedAt(),
            "#" + number + " in its last version");
      }
      Set<Long> extra = new HashSet<>(stored.keySet());
      extra.removeAll(source);
      for (long number : extra) {
        assertTrue(
            changes.deleted().contains("acme/api#" + number),
            "only removed pull requests are stored beyond the source's: #" + number);
      }
    }
  }

  /** Stores a read's pull requests by number (a later version replaces an earlier). */
  private static @Nullable Position store(
      List<Batch<PullRequest>> batches, Map<Long, PullRequest> stored, @Nullable Position from) {
    Position end = from;
    for (Batch<PullRequest> batch : batches) {
      batch.items().forEach(pr -> stored.put(pr.number(), pr));
      end = batch.position();
    }
    return end;
  }
}
