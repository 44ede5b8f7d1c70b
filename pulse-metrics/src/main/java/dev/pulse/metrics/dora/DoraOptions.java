package dev.pulse.metrics.dora;

import dev.pulse.model.internal.Checks;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of the DORA calculators.
 *
 * <p>Immutable and thread-safe. Defaults: open-incident window 7 days, flaky threshold 5 minutes,
 * minimum sample 5, aliases {@code prod -> production}, production environment {@code production},
 * levels from {@link DoraThresholds#DORA_2023}, calendar days in UTC, hotfix labels {@code hotfix},
 * rework window after a failed deployment 1 hour. Each builder setter validates at once and names
 * the parameter and the bad value in its message.
 */
public final class DoraOptions {
  /** The default open-incident window: a failure not restored within it is open. */
  public static final Duration DEFAULT_OPEN_INCIDENT_WINDOW = Duration.ofDays(7);

  /** The default flaky threshold: recoveries strictly shorter are left out of the statistics. */
  public static final Duration DEFAULT_FLAKY_THRESHOLD = Duration.ofMinutes(5);

  /**
   * The longest open-incident window and flaky threshold accepted: 3,650 days (about ten years),
   * far below the roughly 292 years whose nanoseconds still fit in a {@code long}.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  /**
   * The default minimum number of recoveries below which time to restore reports insufficient data.
   */
  public static final int DEFAULT_MIN_SAMPLE = 5;

  /**
   * The default rework window: a production deployment within this time after a failed one of the
   * same repository and environment counts as rework.
   */
  public static final Duration DEFAULT_REWORK_AFTER_FAILURE = Duration.ofHours(1);

  private static final DoraOptions DEFAULTS = builder().build();

  private final Duration openIncidentWindow;
  private final Duration flakyThreshold;
  private final int minSample;
  private final EnvironmentAliases environmentAliases;
  private final String productionEnvironment;
  private final Set<String> productionEnvironments;
  private final DoraThresholds benchmark;
  private final ZoneId zone;
  private final Set<String> hotfixLabels;
  private final Duration reworkAfterFailure;
  private final Duration incidentAttributionWindow;

  private DoraOptions(Builder b) {
    this.openIncidentWindow = b.openIncidentWindow;
    this.flakyThreshold = b.flakyThreshold;
    this.minSample = b.minSample;
    this.environmentAliases = b.environmentAliases;
    Set<String> production = new LinkedHashSet<>();
    for (String name : b.productionEnvironments) {
      production.add(b.environmentAliases.normalize(name));
    }
    this.productionEnvironments = Collections.unmodifiableSet(production);
    this.productionEnvironment = production.iterator().next();
    this.benchmark = b.benchmark;
    this.zone = b.zone;
    this.hotfixLabels = b.hotfixLabels;
    this.reworkAfterFailure = b.reworkAfterFailure;
    this.incidentAttributionWindow = b.incidentAttributionWindow;
  }

  /**
   * Returns the default options.
   *
   * @return the defaults listed in the class description
   */
  public static DoraOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder starting from these options.
   *
   * @return a new builder with this instance's values
   */
  public Builder toBuilder() {
    return new Builder()
        .openIncidentWindow(openIncidentWindow)
        .flakyThreshold(flakyThreshold)
        .minSample(minSample)
        .environmentAliases(environmentAliases)
        .productionEnvironments(productionEnvironments)
        .benchmark(benchmark)
        .zone(zone)
        .hotfixLabels(hotfixLabels)
        .reworkAfterFailure(reworkAfterFailure)
        .incidentAttributionWindow(incidentAttributionWindow);
  }

  /**
   * Returns how long before an incident a production deployment of its service may have caused it,
   * when the incident names no deployment.
   *
   * @return {@code >= 0}; zero (the default) attributes only incidents that name their deployment
   */
  public Duration incidentAttributionWindow() {
    return incidentAttributionWindow;
  }

  /**
   * Returns the labels that mark a pull request as a hotfix, for the rework rate.
   *
   * @return lower-case labels, unmodifiable; a deployment of a pull request carrying one of them
   *     (compared ignoring case) is rework
   */
  public Set<String> hotfixLabels() {
    return hotfixLabels;
  }

  /**
   * Returns how long after a failed production deployment a deployment of the same repository and
   * environment counts as rework.
   *
   * @return {@code >= 0}; a deployment exactly this long after the failure still counts, and zero
   *     counts only one at the same instant
   */
  public Duration reworkAfterFailure() {
    return reworkAfterFailure;
  }

  /**
   * Returns how long after a failure a success still restores it.
   *
   * @return positive; a success at exactly this distance still restores
   */
  public Duration openIncidentWindow() {
    return openIncidentWindow;
  }

  /**
   * Returns the flaky threshold.
   *
   * @return {@code >= 0}; recoveries strictly shorter are excluded, one exactly this long is kept
   */
  public Duration flakyThreshold() {
    return flakyThreshold;
  }

  /**
   * Returns the minimum sample of time to restore.
   *
   * @return {@code >= 1}
   */
  public int minSample() {
    return minSample;
  }

  /**
   * Returns the environment aliases.
   *
   * @return the aliases applied before grouping
   */
  public EnvironmentAliases environmentAliases() {
    return environmentAliases;
  }

  /**
   * Returns the canonical name of the (first) production environment.
   *
   * @return the first of {@link #productionEnvironments()}
   */
  public String productionEnvironment() {
    return productionEnvironment;
  }

  /**
   * Returns the canonical names of every production environment: a repository deployed to several
   * (one per region or customer) counts each of them as production, and the calculators combine
   * them without counting a deployment or pull request twice (see {@code docs/metrics.md}).
   *
   * @return the names after normalization by {@link #environmentAliases()}, in the order given, not
   *     empty, unmodifiable
   */
  public Set<String> productionEnvironments() {
    return productionEnvironments;
  }

  /** Whether a normalized environment name is one of the production environments. */
  boolean isProduction(String normalizedEnvironment) {
    return productionEnvironments.size() == 1
        ? productionEnvironment.equals(normalizedEnvironment)
        : productionEnvironments.contains(normalizedEnvironment);
  }

  /**
   * Returns the threshold table used for levels.
   *
   * @return the DORA report year
   */
  public DoraThresholds benchmark() {
    return benchmark;
  }

  /**
   * Returns the zone whose calendar days count as deploy days.
   *
   * @return the zone, UTC by default
   */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return "DoraOptions{openIncidentWindow="
        + openIncidentWindow
        + ", flakyThreshold="
        + flakyThreshold
        + ", minSample="
        + minSample
        + ", environmentAliases="
        + environmentAliases
        + ", productionEnvironments="
        + productionEnvironments
        + ", benchmark="
        + benchmark
        + ", zone="
        + zone
        + ", hotfixLabels="
        + hotfixLabels
        + ", reworkAfterFailure="
        + reworkAfterFailure
        + ", incidentAttributionWindow="
        + incidentAttributionWindow
        + "}";
  }

  /** Builds {@link DoraOptions}; not thread-safe, {@link #build()} may be called more than once. */
  public static final class Builder {
    private Duration openIncidentWindow = DEFAULT_OPEN_INCIDENT_WINDOW;
    private Duration flakyThreshold = DEFAULT_FLAKY_THRESHOLD;
    private int minSample = DEFAULT_MIN_SAMPLE;
    private EnvironmentAliases environmentAliases = EnvironmentAliases.defaults();
    private List<String> productionEnvironments = List.of("production");
    private DoraThresholds benchmark = DoraThresholds.DORA_2023;
    private ZoneId zone = ZoneOffset.UTC;
    private Set<String> hotfixLabels = Set.of("hotfix");
    private Duration reworkAfterFailure = DEFAULT_REWORK_AFTER_FAILURE;
    private Duration incidentAttributionWindow = Duration.ZERO;

    private Builder() {}

    /**
     * Sets how long before an incident that names no deployment a production deployment of its
     * service is taken as its cause; zero turns attribution off.
     *
     * @param window {@code >= 0}, at most {@link #MAX_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if {@code window} is negative or longer than {@link
     *     #MAX_DURATION}
     */
    public Builder incidentAttributionWindow(Duration window) {
      Objects.requireNonNull(window, "incidentAttributionWindow");
      if (window.isNegative()) {
        throw new IllegalArgumentException(
            "incidentAttributionWindow must be >= 0 but was " + window);
      }
      requireAtMostMax(window, "incidentAttributionWindow");
      this.incidentAttributionWindow = window;
      return this;
    }

    /**
     * Sets the labels that mark a pull request as a hotfix; an empty set turns the rule off.
     *
     * @param labels labels, none blank; compared ignoring case
     * @return this builder
     * @throws IllegalArgumentException if a label is blank
     */
    public Builder hotfixLabels(Collection<String> labels) {
      Objects.requireNonNull(labels, "hotfixLabels");
      Set<String> copy = new TreeSet<>();
      for (String label : labels) {
        Objects.requireNonNull(label, "hotfixLabels contains null");
        if (label.isBlank()) {
          throw new IllegalArgumentException(
              "hotfixLabels must not contain a blank label but was " + labels);
        }
        copy.add(label.strip().toLowerCase(Locale.ROOT));
      }
      this.hotfixLabels = Collections.unmodifiableSet(copy);
      return this;
    }

    /**
     * Sets how long after a failed production deployment a deployment counts as rework.
     *
     * @param window {@code >= 0}, at most {@link #MAX_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if {@code window} is negative or longer than {@link
     *     #MAX_DURATION}
     */
    public Builder reworkAfterFailure(Duration window) {
      Objects.requireNonNull(window, "reworkAfterFailure");
      if (window.isNegative()) {
        throw new IllegalArgumentException("reworkAfterFailure must be >= 0 but was " + window);
      }
      requireAtMostMax(window, "reworkAfterFailure");
      this.reworkAfterFailure = window;
      return this;
    }

    /**
     * Sets the open-incident window.
     *
     * @param window positive, at most {@link #MAX_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if {@code window} is zero, negative or longer than {@link
     *     #MAX_DURATION}
     */
    public Builder openIncidentWindow(Duration window) {
      Checks.requirePositive(window, "openIncidentWindow");
      requireAtMostMax(window, "openIncidentWindow");
      this.openIncidentWindow = window;
      return this;
    }

    /**
     * Sets the flaky threshold; zero keeps every recovery.
     *
     * @param threshold {@code >= 0}, at most {@link #MAX_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if {@code threshold} is negative or longer than {@link
     *     #MAX_DURATION}
     */
    public Builder flakyThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "flakyThreshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("flakyThreshold must be >= 0 but was " + threshold);
      }
      requireAtMostMax(threshold, "flakyThreshold");
      this.flakyThreshold = threshold;
      return this;
    }

    /**
     * Sets the minimum sample of time to restore.
     *
     * @param minSample {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code minSample < 1}
     */
    public Builder minSample(int minSample) {
      if (minSample < 1) {
        throw new IllegalArgumentException("minSample must be >= 1 but was " + minSample);
      }
      this.minSample = minSample;
      return this;
    }

    /**
     * Sets the environment aliases.
     *
     * @param aliases the aliases
     * @return this builder
     */
    public Builder environmentAliases(EnvironmentAliases aliases) {
      this.environmentAliases = Objects.requireNonNull(aliases, "environmentAliases");
      return this;
    }

    /**
     * Sets the one production environment; it is normalized with the aliases when the options are
     * built.
     *
     * @param name not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder productionEnvironment(String name) {
      Objects.requireNonNull(name, "productionEnvironment");
      return productionEnvironments(List.of(name));
    }

    /**
     * Sets every production environment (one per region or customer, say); each is normalized with
     * the aliases when the options are built.
     *
     * @param names not empty, none blank; the first is {@link DoraOptions#productionEnvironment()}
     * @return this builder
     * @throws IllegalArgumentException if {@code names} is empty or a name is blank
     */
    public Builder productionEnvironments(Collection<String> names) {
      Objects.requireNonNull(names, "productionEnvironments");
      if (names.isEmpty()) {
        throw new IllegalArgumentException("productionEnvironments must not be empty but was []");
      }
      List<String> copy = new ArrayList<>(names.size());
      for (String name : names) {
        Objects.requireNonNull(name, "productionEnvironments contains null");
        if (name.isBlank()) {
          throw new IllegalArgumentException(
              "productionEnvironment must not be blank but was '" + name + "'");
        }
        copy.add(name);
      }
      this.productionEnvironments = List.copyOf(copy);
      return this;
    }

    /**
     * Sets the threshold table used for levels.
     *
     * @param benchmark the DORA report year
     * @return this builder
     */
    public Builder benchmark(DoraThresholds benchmark) {
      this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
      return this;
    }

    /**
     * Sets the zone whose calendar days count as deploy days.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    private static void requireAtMostMax(Duration value, String name) {
      if (value.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            name + " must be <= " + MAX_DURATION + " (3650 days) but was " + value);
      }
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     */
    public DoraOptions build() {
      return new DoraOptions(this);
    }
  }
}
