package dev.pulse.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A fake server's seeded random-change mode: after every page it answers, the fake creates, updates
 * and deletes records at random (the same seed makes the same changes for the same requests), until
 * {@link #stop()}. A connector's catch-up test reads while the data changes, stops the changes,
 * reads once more from its stored position, and then checks that what it stored equals what the
 * source holds. Each vendor fake says what its three kinds of change are ({@code
 * FakeJira.changeRandomly}, {@code FakeGitHub.changeRandomly}, {@code FakeJenkins.changeRandomly}).
 * Thread-safe.
 */
public final class RandomChanges {
  /**
   * What one fake changes; each method makes one change with the given random source, or returns
   * null when it has nothing to change (an update or delete on no records).
   */
  public interface Target {
    /**
     * Creates a record.
     *
     * @param random the random source
     * @return the new record's id
     */
    String create(SplittableRandom random);

    /**
     * Updates a record.
     *
     * @param random the random source
     * @return the record's id, or null if there was none to update
     */
    @Nullable String update(SplittableRandom random);

    /**
     * Deletes a record.
     *
     * @param random the random source
     * @return the record's id, or null if there was none to delete
     */
    @Nullable String delete(SplittableRandom random);
  }

  private final SplittableRandom random;
  private final int perAnswer;
  private final Target target;
  private final List<String> created = new ArrayList<>();
  private final List<String> updated = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();
  private boolean stopped;

  /**
   * Creates the mode; a fake creates it in its {@code changeRandomly} method.
   *
   * @param seed the seed
   * @param perAnswer how many changes follow each page answer (at least 1)
   * @param target the fake's changes
   */
  public RandomChanges(long seed, int perAnswer, Target target) {
    if (perAnswer < 1) {
      throw new IllegalArgumentException("perAnswer must be at least 1, but was " + perAnswer);
    }
    this.random = new SplittableRandom(seed);
    this.perAnswer = perAnswer;
    this.target = Objects.requireNonNull(target, "target");
  }

  /**
   * Makes this answer's changes: each one a create, an update or a delete with equal odds. The fake
   * calls it right after it has built a page answer, outside its own lock.
   */
  public synchronized void afterAnswer() {
    if (stopped) {
      return;
    }
    for (int i = 0; i < perAnswer; i++) {
      switch (random.nextInt(3)) {
        case 0 -> created.add(target.create(random));
        case 1 -> {
          String id = target.update(random);
          if (id != null) {
            updated.add(id);
          }
        }
        default -> {
          String id = target.delete(random);
          if (id != null) {
            deleted.add(id);
          }
        }
      }
    }
  }

  /** Stops the changes; the source then holds still. */
  public synchronized void stop() {
    stopped = true;
  }

  /**
   * Returns the ids of the records created, in order.
   *
   * @return a copy
   */
  public synchronized List<String> created() {
    return List.copyOf(created);
  }

  /**
   * Returns the ids of the records updated, in order (an id once per update).
   *
   * @return a copy
   */
  public synchronized List<String> updated() {
    return List.copyOf(updated);
  }

  /**
   * Returns the ids of the records deleted, in order.
   *
   * @return a copy
   */
  public synchronized List<String> deleted() {
    return List.copyOf(deleted);
  }

  @Override
  public synchronized String toString() {
    return "RandomChanges[created="
        + created.size()
        + ", updated="
        + updated.size()
        + ", deleted="
        + deleted.size()
        + (stopped ? ", stopped]" : "]");
  }
}
