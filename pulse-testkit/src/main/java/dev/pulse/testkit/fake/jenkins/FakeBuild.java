package dev.pulse.testkit.fake.jenkins;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One build of a {@link FakeJenkins} job, as Jenkins would report it.
 *
 * <p>Immutable: changing a build (finishing it) replaces its record.
 *
 * @param number the build number
 * @param startedAt the start time ({@code timestamp})
 * @param duration how long it ran; zero while running
 * @param result {@code SUCCESS}, {@code FAILURE}, {@code ABORTED}, {@code UNSTABLE}, {@code
 *     NOT_BUILT}, or null while running
 * @param building whether it is still running
 * @param sha the last built revision, or null when the job has no git data
 * @param remoteUrl the git remote, or null when the job has no git data
 * @param branch the built branch as the git plugin names it ({@code refs/remotes/origin/main}), or
 *     null
 * @param stages the pipeline stages (wfapi), empty for a freestyle job
 */
public record FakeBuild(
    long number,
    Instant startedAt,
    Duration duration,
    @Nullable String result,
    boolean building,
    @Nullable String sha,
    @Nullable String remoteUrl,
    @Nullable String branch,
    List<Stage> stages) {
  /** Validates the build and copies its stages. */
  public FakeBuild {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    stages = List.copyOf(stages);
    if (number < 1) {
      throw new IllegalArgumentException("number must be >= 1 but was " + number);
    }
  }

  /**
   * Returns when the build finished, or null while it runs.
   *
   * @return the finish time
   */
  public @Nullable Instant finishedAt() {
    return building ? null : startedAt.plus(duration);
  }

  /**
   * One pipeline stage as {@code wfapi/describe} reports it.
   *
   * @param name the stage name, e.g. {@code Deploy prod}
   * @param status {@code SUCCESS}, {@code FAILED}, {@code ABORTED}, {@code UNSTABLE}, {@code
   *     NOT_EXECUTED} (skipped) or {@code IN_PROGRESS}
   * @param startedAt when it started
   * @param duration how long it ran
   */
  public record Stage(String name, String status, Instant startedAt, Duration duration) {
    /** Validates the stage. */
    public Stage {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(duration, "duration");
    }
  }
}
