package dev.pulse.metrics.internal;

import dev.pulse.metrics.flow.FlowMetrics;
import dev.pulse.model.Issue;
import dev.pulse.model.NormalizedStatus;
import dev.pulse.model.StatusTransition;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list of issues whose status histories were read once into primitive columns: each history
 * listed in time order (the usual case) as its transitions' entry seconds, nanoseconds and
 * statuses, with the issue's creation and the index of its completion, so that the passes over a
 * million issues (flow summaries, cumulative flow) read arrays instead of following every
 * transition's objects. A history not in time order, or without transitions, is not copied: its
 * readers build it from the issue.
 *
 * <p>It is the {@code List<Issue>} a report hands to {@link FlowMetrics#summaries} and to its
 * cumulative flow, so that both read the columns the report filled while reading its source; any
 * other list is read into one by {@link #of}. Immutable once built; not thread-safe while building.
 */
public final class IssueHistories extends AbstractList<Issue> implements RandomAccess {
  /** {@link #completion}'s value for a history read from the issue rather than the columns. */
  public static final int NOT_COPIED = -2;

  /** The statuses by their code in the columns. */
  private static final NormalizedStatus[] STATUSES = {
    NormalizedStatus.TODO,
    NormalizedStatus.IN_PROGRESS,
    NormalizedStatus.IN_REVIEW,
    NormalizedStatus.DONE
  };

  private final Issue[] issues;
  private final int size;
  private final int[] first;
  private final long[] seconds;
  private final int[] nanos;
  private final byte[] statuses;
  private final long[] createdSeconds;
  private final int[] createdNanos;
  private final int[] completion;

  private IssueHistories(Builder b) {
    issues = b.issues;
    size = b.size;
    first = b.first;
    seconds = b.seconds;
    nanos = b.nanos;
    statuses = b.statuses;
    createdSeconds = b.createdSeconds;
    createdNanos = b.createdNanos;
    completion = b.completion;
  }

  /**
   * The issues with their histories: {@code issues} itself when it is one, else the issues read.
   *
   * @param issues the issues, none null
   * @return the issues in the same order
   */
  public static IssueHistories of(List<Issue> issues) {
    if (issues instanceof IssueHistories ready) {
      return ready;
    }
    Builder builder = new Builder(issues.size());
    for (Issue issue : issues) {
      builder.add(issue);
    }
    return builder.build();
  }

  @Override
  public Issue get(int index) {
    Objects.checkIndex(index, size);
    return issues[index];
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * The index of the completion transition of issue {@code i} (the first of its trailing run of
   * done transitions), -1 when it is not completed, or {@link #NOT_COPIED} when its history is not
   * in the columns.
   */
  public int completion(int i) {
    return completion[i];
  }

  /** The index of issue {@code i}'s first transition; its last is {@code end(i) - 1}. */
  public int start(int i) {
    return first[i];
  }

  /** The index after issue {@code i}'s last transition. */
  public int end(int i) {
    return first[i + 1];
  }

  /** Transition {@code t}'s entry, epoch seconds. */
  public long seconds(int t) {
    return seconds[t];
  }

  /** Transition {@code t}'s entry, nanoseconds of the second. */
  public int nanos(int t) {
    return nanos[t];
  }

  /** Transition {@code t}'s status. */
  public NormalizedStatus status(int t) {
    return STATUSES[statuses[t]];
  }

  /** Issue {@code i}'s creation, epoch seconds. */
  public long createdSeconds(int i) {
    return createdSeconds[i];
  }

  /** Issue {@code i}'s creation, nanoseconds of the second. */
  public int createdNanos(int i) {
    return createdNanos[i];
  }

  /** Whether {@code (s1, n1)} is before {@code (s2, n2)}, as {@link Instant#isBefore}. */
  public static boolean before(long s1, int n1, long s2, int n2) {
    return s1 < s2 || (s1 == s2 && n1 < n2);
  }

  private static byte code(NormalizedStatus status) {
    return switch (status) {
      case TODO -> 0;
      case IN_PROGRESS -> 1;
      case IN_REVIEW -> 2;
      case DONE -> 3;
    };
  }

  /** Reads issues one at a time, each history once. Not thread-safe; one per list. */
  public static final class Builder {
    private Issue[] issues;
    private int size;
    private int[] first;
    private long[] seconds;
    private int[] nanos;
    private byte[] statuses;
    private long[] createdSeconds;
    private int[] createdNanos;
    private int[] completion;

    /**
     * An empty builder.
     *
     * @param expected how many issues are expected (the columns grow past it)
     */
    public Builder(int expected) {
      int n = Math.max(16, expected);
      issues = new Issue[n];
      first = new int[n + 1];
      createdSeconds = new long[n];
      createdNanos = new int[n];
      completion = new int[n];
      // most histories have a few transitions
      int t = n * 4;
      seconds = new long[t];
      nanos = new int[t];
      statuses = new byte[t];
    }

    /**
     * Appends an issue, reading its history.
     *
     * @param issue the issue
     */
    public void add(Issue issue) {
      Objects.requireNonNull(issue, "issue");
      if (size == issues.length) {
        int n = size + (size >> 1);
        issues = Arrays.copyOf(issues, n);
        first = Arrays.copyOf(first, n + 1);
        createdSeconds = Arrays.copyOf(createdSeconds, n);
        createdNanos = Arrays.copyOf(createdNanos, n);
        completion = Arrays.copyOf(completion, n);
      }
      int i = size;
      issues[i] = issue;
      Instant created = issue.createdAt();
      createdSeconds[i] = created.getEpochSecond();
      createdNanos[i] = created.getNano();
      int from = first[i];
      List<StatusTransition> transitions = issue.transitions();
      int n = transitions.size();
      if (from + n > seconds.length) {
        int t = Math.max(from + n, seconds.length + (seconds.length >> 1));
        seconds = Arrays.copyOf(seconds, t);
        nanos = Arrays.copyOf(nanos, t);
        statuses = Arrays.copyOf(statuses, t);
      }
      boolean ordered = n > 0;
      int done = -1;
      for (int k = 0; k < n && ordered; k++) {
        StatusTransition transition = transitions.get(k);
        Instant at = transition.enteredAt();
        long s = at.getEpochSecond();
        int ns = at.getNano();
        int t = from + k;
        if (k > 0 && before(s, ns, seconds[t - 1], nanos[t - 1])) {
          ordered = false;
          break;
        }
        seconds[t] = s;
        nanos[t] = ns;
        NormalizedStatus status = transition.status();
        statuses[t] = code(status);
        if (status != NormalizedStatus.DONE) {
          done = -1;
        } else if (done < 0) {
          done = t;
        }
      }
      if (ordered) {
        completion[i] = done;
        first[i + 1] = from + n;
      } else {
        completion[i] = NOT_COPIED;
        first[i + 1] = from;
      }
      size++;
    }

    /**
     * Whether the last issue added is completed (by {@link FlowMetrics#completion}'s rule) before
     * an instant.
     *
     * @param t the instant
     * @return whether its completion is before {@code t}
     */
    public boolean lastCompletedBefore(Instant t) {
      int i = size - 1;
      int c = completion[i];
      if (c == NOT_COPIED) {
        Instant end = FlowMetrics.completion(issues[i]);
        return end != null && end.isBefore(t);
      }
      return c >= 0 && before(seconds[c], nanos[c], t.getEpochSecond(), t.getNano());
    }

    /** Removes the last issue added. */
    public void removeLast() {
      // the slot is overwritten by the next issue added
      size--;
    }

    /**
     * The list of the issues added.
     *
     * @return the list; the builder must not be used after
     */
    public IssueHistories build() {
      return new IssueHistories(this);
    }
  }
}
