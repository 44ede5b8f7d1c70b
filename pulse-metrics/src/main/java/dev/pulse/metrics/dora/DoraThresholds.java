package dev.pulse.metrics.dora;

import dev.pulse.model.internal.Checks;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The threshold tables of the DORA State of DevOps reports, read as level boundaries.
 *
 * <p>The reports publish performance clusters found in survey answers, not thresholds: their bands
 * overlap, leave gaps, and in some years give two clusters the same band. Each constant below turns
 * one year's clusters into three cut points per metric; {@code docs/metrics.md} shows the published
 * bands next to the cut points, names the source of each table and says where Pulse had to
 * interpret. Conventions: a day is 86,400 s, a week 7 days, a month 30 days, six months 180 days.
 *
 * <ul>
 *   <li>Deployment frequency, higher is better: a level is reached when the rate is <b>at least</b>
 *       its minimum (one deployment per day is Elite).
 *   <li>Lead time and recovery time, lower is better: a level is reached when the median is
 *       <b>strictly less</b> than its bound ("less than one day"); a median exactly at a bound
 *       falls to the next level.
 *   <li>Change failure rate, lower is better: a level is reached when the rate is <b>at most</b>
 *       its percentage.
 * </ul>
 *
 * <p>All comparisons are exact (integer arithmetic on nanoseconds and counts), so a value exactly
 * at a boundary is classified the same way on every machine.
 */
public enum DoraThresholds {
  /**
   * Accelerate State of DevOps 2021. Frequency: Elite on demand, High once per week to once per
   * month, Medium once per month to once per six months, Low fewer. Lead time: Elite under one
   * hour, High one day to one week, Medium one to six months, Low over six months. Time to restore:
   * under one hour, under one day, one day to one week, over six months. Change failure rate: Elite
   * 0-15%, the other three 16-30% (split 20%/30% as in Apache DevLake).
   */
  DORA_2021(
      1,
      30,
      180,
      Duration.ofHours(1),
      Duration.ofDays(7),
      Duration.ofDays(180),
      15,
      20,
      30,
      Duration.ofHours(1),
      Duration.ofDays(1),
      Duration.ofDays(7)),
  /**
   * Accelerate State of DevOps 2023. Frequency: Elite on demand, High once per day to once per
   * week, Medium and Low once per week to once per month (Low taken as fewer than once per month).
   * Lead time: under one day, one day to one week, one week to one month (Medium and Low; Low taken
   * as one month or more). Change failure rate: 5%, 10%, 15%, 64%. Failed deployment recovery time:
   * under one hour, under one day, one day to one week, one to six months.
   */
  DORA_2023(
      1,
      7,
      30,
      Duration.ofDays(1),
      Duration.ofDays(7),
      Duration.ofDays(30),
      5,
      10,
      15,
      Duration.ofHours(1),
      Duration.ofDays(1),
      Duration.ofDays(7)),
  /**
   * Accelerate State of DevOps 2024. Frequency: Elite on demand, High daily to weekly, Medium
   * weekly to monthly, Low monthly to every six months. Lead time: under one day, one day to one
   * week, one week to one month, one to six months. Change failure rate: Elite 5%, High 20%, Medium
   * 10%, Low 40% (High and Medium inverted in the report; Pulse keeps levels monotonic: at most 5%,
   * 10%, 20%). Recovery: under one hour, under one day (High and Medium), one week to one month
   * (Pulse: Medium below one week).
   */
  DORA_2024(
      1,
      7,
      30,
      Duration.ofDays(1),
      Duration.ofDays(7),
      Duration.ofDays(30),
      5,
      10,
      20,
      Duration.ofHours(1),
      Duration.ofDays(1),
      Duration.ofDays(7));

  /**
   * The median number of deployment days per week at or above which deployment frequency is Elite
   * ("on demand"): a team that deploys on every working day of the week.
   */
  public static final int ELITE_DEPLOY_DAYS_PER_WEEK = 5;

  private static final BigInteger NANOS_PER_DAY = BigInteger.valueOf(86_400_000_000_000L);
  private static final List<DoraLevel> BOUNDED =
      List.of(DoraLevel.ELITE, DoraLevel.HIGH, DoraLevel.MEDIUM);

  private final long eliteDays;
  private final long highDays;
  private final long mediumDays;
  private final Duration eliteLeadTime;
  private final Duration highLeadTime;
  private final Duration mediumLeadTime;
  private final int elitePercent;
  private final int highPercent;
  private final int mediumPercent;
  private final Duration eliteRecovery;
  private final Duration highRecovery;
  private final Duration mediumRecovery;

  DoraThresholds(
      long eliteDays,
      long highDays,
      long mediumDays,
      Duration eliteLeadTime,
      Duration highLeadTime,
      Duration mediumLeadTime,
      int elitePercent,
      int highPercent,
      int mediumPercent,
      Duration eliteRecovery,
      Duration highRecovery,
      Duration mediumRecovery) {
    this.eliteDays = eliteDays;
    this.highDays = highDays;
    this.mediumDays = mediumDays;
    this.eliteLeadTime = eliteLeadTime;
    this.highLeadTime = highLeadTime;
    this.mediumLeadTime = mediumLeadTime;
    this.elitePercent = elitePercent;
    this.highPercent = highPercent;
    this.mediumPercent = mediumPercent;
    this.eliteRecovery = eliteRecovery;
    this.highRecovery = highRecovery;
    this.mediumRecovery = mediumRecovery;
  }

  /**
   * Returns the minimum deployment rate of a level, as "one deployment per N days".
   *
   * @param level {@link DoraLevel#ELITE}, {@link DoraLevel#HIGH} or {@link DoraLevel#MEDIUM}
   * @return N; a level is reached at one deployment per N days or more often
   * @throws IllegalArgumentException for {@link DoraLevel#LOW}, which has no minimum
   */
  public long daysPerDeployment(DoraLevel level) {
    return pick(level, eliteDays, highDays, mediumDays);
  }

  /**
   * Returns the exclusive upper bound of a level's median lead time.
   *
   * @param level {@link DoraLevel#ELITE}, {@link DoraLevel#HIGH} or {@link DoraLevel#MEDIUM}
   * @return the bound; a median strictly below it reaches the level
   * @throws IllegalArgumentException for {@link DoraLevel#LOW}, which has no bound
   */
  public Duration leadTimeBelow(DoraLevel level) {
    return pick(level, eliteLeadTime, highLeadTime, mediumLeadTime);
  }

  /**
   * Returns the inclusive upper bound of a level's change failure rate, in percent.
   *
   * @param level {@link DoraLevel#ELITE}, {@link DoraLevel#HIGH} or {@link DoraLevel#MEDIUM}
   * @return the percentage; a rate at or below it reaches the level
   * @throws IllegalArgumentException for {@link DoraLevel#LOW}, which has no bound
   */
  public int failurePercentAtMost(DoraLevel level) {
    return (int) pick(level, elitePercent, highPercent, mediumPercent);
  }

  /**
   * Returns the exclusive upper bound of a level's median recovery time.
   *
   * @param level {@link DoraLevel#ELITE}, {@link DoraLevel#HIGH} or {@link DoraLevel#MEDIUM}
   * @return the bound; a median strictly below it reaches the level
   * @throws IllegalArgumentException for {@link DoraLevel#LOW}, which has no bound
   */
  public Duration recoveryBelow(DoraLevel level) {
    return pick(level, eliteRecovery, highRecovery, mediumRecovery);
  }

  private static <T> T pick(DoraLevel level, T elite, T high, T medium) {
    Objects.requireNonNull(level, "level");
    return switch (level) {
      case ELITE -> elite;
      case HIGH -> high;
      case MEDIUM -> medium;
      case LOW ->
          throw new IllegalArgumentException(
              "level LOW has no boundary; it is everything below MEDIUM");
    };
  }

  /**
   * Classifies a deployment rate (deployments per day), the rule behind {@link
   * DeploymentFrequencyResult#rateLevel()}; the level of deployment frequency uses deployment days
   * instead, so that many deployments on one day do not count as a daily habit.
   *
   * @param deployments the number of deployments counted in the window, {@code >= 0}
   * @param window the window's length, positive
   * @return the best level whose minimum rate {@code deployments / days(window)} reaches
   * @throws IllegalArgumentException if {@code deployments} is negative or {@code window} is not
   *     positive
   */
  public DoraLevel deploymentFrequencyLevel(long deployments, Duration window) {
    if (deployments < 0) {
      throw new IllegalArgumentException("deployments must be >= 0 but was " + deployments);
    }
    Checks.requirePositive(window, "window");
    BigInteger windowNanos =
        BigInteger.valueOf(window.getSeconds())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(window.getNano()));
    // deployments / (windowNanos / NANOS_PER_DAY) >= 1 / N  <=>  deployments * N * NANOS_PER_DAY >=
    // windowNanos
    for (DoraLevel level : BOUNDED) {
      BigInteger lhs =
          BigInteger.valueOf(deployments)
              .multiply(BigInteger.valueOf(daysPerDeployment(level)))
              .multiply(NANOS_PER_DAY);
      if (lhs.compareTo(windowNanos) >= 0) {
        return level;
      }
    }
    return DoraLevel.LOW;
  }

  /**
   * Classifies deployment frequency by deployment days, the rule behind {@link
   * DeploymentFrequencyResult#level()}.
   *
   * <p>For a level with {@link #daysPerDeployment(DoraLevel) one deployment per N days}: when N is
   * 1 (Elite, "on demand") the median number of deployment days per block of 7 calendar dates must
   * be at least {@value #ELITE_DEPLOY_DAYS_PER_WEEK} (every working day); otherwise the median
   * number of deployment days per block of N dates must be at least 1.
   *
   * @param medianDeployDays the median number of deployment days per block of the given number of
   *     dates
   * @return the best level reached
   */
  DoraLevel deploymentDaysLevel(java.util.function.IntToDoubleFunction medianDeployDays) {
    for (DoraLevel level : BOUNDED) {
      long n = daysPerDeployment(level);
      boolean reached =
          n == 1
              ? medianDeployDays.applyAsDouble(7) >= ELITE_DEPLOY_DAYS_PER_WEEK
              : medianDeployDays.applyAsDouble(Math.toIntExact(n)) >= 1;
      if (reached) {
        return level;
      }
    }
    return DoraLevel.LOW;
  }

  /**
   * Classifies a median lead time for changes.
   *
   * @param median the median, {@code >= 0}
   * @return the best level whose bound the median is strictly below
   */
  public DoraLevel leadTimeLevel(Duration median) {
    return below(median, true, "median lead time");
  }

  /**
   * Classifies a median recovery time.
   *
   * @param median the median, {@code >= 0}
   * @return the best level whose bound the median is strictly below
   */
  public DoraLevel recoveryTimeLevel(Duration median) {
    return below(median, false, "median recovery time");
  }

  /**
   * Classifies a change failure rate given as a fraction of counts, exactly.
   *
   * @param failed the failed changes, {@code 0 <= failed <= total}
   * @param total the changes, positive
   * @return the best level with {@code failed / total <= percent / 100}
   * @throws IllegalArgumentException if the counts are out of range
   */
  public DoraLevel changeFailureRateLevel(long failed, long total) {
    if (total <= 0) {
      throw new IllegalArgumentException("total must be > 0 but was " + total);
    }
    if (failed < 0 || failed > total) {
      throw new IllegalArgumentException("failed must be in [0, " + total + "] but was " + failed);
    }
    for (DoraLevel level : BOUNDED) {
      // failed / total <= p / 100  <=>  failed * 100 <= p * total, exact in 128 bits
      if (BigInteger.valueOf(failed)
              .multiply(BigInteger.valueOf(100))
              .compareTo(
                  BigInteger.valueOf(failurePercentAtMost(level))
                      .multiply(BigInteger.valueOf(total)))
          <= 0) {
        return level;
      }
    }
    return DoraLevel.LOW;
  }

  private DoraLevel below(Duration value, boolean leadTime, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    for (DoraLevel level : BOUNDED) {
      if (value.compareTo(leadTime ? leadTimeBelow(level) : recoveryBelow(level)) < 0) {
        return level;
      }
    }
    return DoraLevel.LOW;
  }
}
