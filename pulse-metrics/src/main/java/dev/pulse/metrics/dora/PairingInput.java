package dev.pulse.metrics.dora;

import dev.pulse.model.Deployment;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Deployments as the primitive columns pairing works on: repository, normalized environment, build
 * id, effective time in nanoseconds and result kind, index for index with {@link #deployments}.
 *
 * <p>The arrays are shared, not copied; nobody writes them after {@link #of}.
 */
final class PairingInput {
  final Deployment[] deployments;
  final String[] repository;
  final String[] environment;
  final String[] build;
  final long[] time;
  final byte[] kind;

  private PairingInput(
      Deployment[] deployments,
      String[] repository,
      String[] environment,
      String[] build,
      long[] time,
      byte[] kind) {
    this.deployments = deployments;
    this.repository = repository;
    this.environment = environment;
    this.build = build;
    this.time = time;
    this.kind = kind;
  }

  /**
   * Reads the columns of {@code in}, normalizing each environment with {@code aliases}.
   *
   * @throws IllegalArgumentException if an effective time is outside the supported range
   */
  static PairingInput of(Deployment[] in, EnvironmentAliases aliases) {
    int n = in.length;
    String[] repository = new String[n];
    String[] environment = new String[n];
    String[] build = new String[n];
    long[] time = new long[n];
    byte[] kind = new byte[n];
    // few distinct environments and long runs of one: normalize each raw name once
    Map<String, String> normalized = new HashMap<>();
    String lastRaw = null;
    String lastNormalized = null;
    for (int i = 0; i < n; i++) {
      Deployment d = Objects.requireNonNull(in[i], "deployment");
      String raw = d.environment();
      String e;
      if (raw.equals(lastRaw) && lastNormalized != null) {
        e = lastNormalized;
      } else {
        e = normalized.computeIfAbsent(raw, aliases::normalize);
        lastRaw = raw;
        lastNormalized = e;
      }
      repository[i] = d.repository();
      environment[i] = e;
      build[i] = d.buildId();
      time[i] = PairingCore.nanos(d.effectiveAt());
      kind[i] = PairingCore.kind(d.result());
    }
    return new PairingInput(in, repository, environment, build, time, kind);
  }

  /** Returns the order of deployments within one group over these columns. */
  GroupOrder groupOrder() {
    return new GroupOrder(time, kind, build);
  }
}
