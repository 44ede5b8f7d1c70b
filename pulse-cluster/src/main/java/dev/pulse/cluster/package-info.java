/**
 * Cluster mode: the scopes of Pulse's sources spread over the replicas of a service through
 * db-scheduler's table in the PostgreSQL that pulse-jdbc already uses, each write fenced so that a
 * worker presumed dead can change nothing after its scope was taken over.
 *
 * <p>Start with {@link dev.pulse.cluster.PulseCluster}; docs/scale-out.md says which mode fits
 * whom, and how to tune it.
 */
@NullMarked
package dev.pulse.cluster;

import org.jspecify.annotations.NullMarked;
