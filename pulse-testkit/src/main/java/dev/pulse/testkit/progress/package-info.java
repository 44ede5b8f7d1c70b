/**
 * An accuracy harness for progress estimators: synthetic, seeded ingestion traces ({@link
 * dev.pulse.testkit.progress.Traces}) replayed through any {@link
 * dev.pulse.progress.ProgressEstimator} and scored by {@link
 * dev.pulse.testkit.progress.EtaAccuracyHarness}.
 */
@NullMarked
package dev.pulse.testkit.progress;

import org.jspecify.annotations.NullMarked;
