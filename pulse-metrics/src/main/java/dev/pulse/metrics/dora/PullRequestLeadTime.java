package dev.pulse.metrics.dora;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The lead time of one merged pull request and its phases; a phase is null when an end is unknown
 * or the span is negative (never zero in that case).
 *
 * @param repository the repository
 * @param number the pull request's number
 * @param deployedAt the effective time of the first successful production deployment of the
 *     repository at or after the merge, or null when none
 * @param coding {@code createdAt - firstCommitAt}
 * @param pickup {@code firstReviewAt - createdAt}
 * @param review {@code mergedAt - firstReviewAt}
 * @param deploy {@code deployedAt - mergedAt}
 * @param total {@code deployedAt - firstCommitAt}: the DORA lead time for changes
 */
public record PullRequestLeadTime(
    String repository,
    long number,
    @Nullable Instant deployedAt,
    @Nullable Duration coding,
    @Nullable Duration pickup,
    @Nullable Duration review,
    @Nullable Duration deploy,
    @Nullable Duration total) {}
