package dev.pulse.metrics.report;

import dev.pulse.metrics.dora.CommitRange;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.internal.Checks;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link MetricsReport} covers and how: tenant, optional team, window, calendar (time zone
 * and first day of the week), team mapping, DORA options and an optional commit-range reader.
 *
 * <p>Immutable and thread-safe. Defaults: the organisation (no team), UTC, weeks from Monday,
 * {@link TeamMapping#none()}, {@link DoraOptions#defaults()}, no commit range. The report's zone
 * replaces the zone of the DORA options, so deploy days, weeks and months all use one calendar.
 * Each builder setter validates at once and names the parameter and the bad value.
 */
public final class ReportOptions {
  private final String tenant;
  private final @Nullable String team;
  private final Window window;
  private final ZoneId zone;
  private final DayOfWeek weekStart;
  private final TeamMapping teams;
  private final DoraOptions dora;
  private final @Nullable CommitRange commitRange;

  private ReportOptions(Builder b, Window window) {
    this.tenant = Objects.requireNonNull(b.tenant, "tenant");
    this.team = b.team;
    this.window = window;
    this.zone = b.zone;
    this.weekStart = b.weekStart;
    this.teams = b.teams;
    this.dora = b.dora.zone().equals(b.zone) ? b.dora : b.dora.toBuilder().zone(b.zone).build();
    this.commitRange = b.commitRange;
  }

  /**
   * Returns a builder for the given tenant and window.
   *
   * @param tenant the tenant the report is about, not blank
   * @param window the report's window
   * @return a new builder
   * @throws IllegalArgumentException if {@code tenant} is blank
   */
  public static Builder builder(String tenant, Window window) {
    return new Builder(tenant, window);
  }

  /**
   * Returns the tenant.
   *
   * @return the tenant's name
   */
  public String tenant() {
    return tenant;
  }

  /**
   * Returns the team the report is restricted to.
   *
   * @return the team, or null for the whole organisation
   */
  public @Nullable String team() {
    return team;
  }

  /**
   * Returns the window of the headline figures.
   *
   * @return the window
   */
  public Window window() {
    return window;
  }

  /**
   * Returns the time zone of calendar days, weeks and months.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns the first day of a week.
   *
   * @return the day weeks start on
   */
  public DayOfWeek weekStart() {
    return weekStart;
  }

  /**
   * Returns the team mapping.
   *
   * @return the mapping
   */
  public TeamMapping teams() {
    return teams;
  }

  /**
   * Returns the DORA options, with this report's zone.
   *
   * @return the options
   */
  public DoraOptions dora() {
    return dora;
  }

  /**
   * Returns the commit-range reader used to link pull requests to deployments.
   *
   * @return the reader, or null to link by SHA equality, branch and time
   */
  public @Nullable CommitRange commitRange() {
    return commitRange;
  }

  @Override
  public String toString() {
    return "ReportOptions{tenant="
        + tenant
        + ", team="
        + team
        + ", window="
        + window
        + ", zone="
        + zone
        + ", weekStart="
        + weekStart
        + ", teams="
        + teams
        + ", dora="
        + dora
        + ", commitRange="
        + (commitRange == null ? "none" : "given")
        + "}";
  }

  /**
   * Builds {@link ReportOptions}; not thread-safe, {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String tenant;
    private final Window window;
    private @Nullable String team;
    private ZoneId zone = ZoneOffset.UTC;
    private DayOfWeek weekStart = DayOfWeek.MONDAY;
    private TeamMapping teams = TeamMapping.none();
    private DoraOptions dora = DoraOptions.defaults();
    private @Nullable CommitRange commitRange;

    private Builder(String tenant, Window window) {
      this.tenant = Checks.requireText(tenant, "tenant");
      this.window = Objects.requireNonNull(window, "window");
    }

    /**
     * Restricts the report to one team of the {@link #teams(TeamMapping) mapping}.
     *
     * @param team the team, not blank, or null for the whole organisation
     * @return this builder
     * @throws IllegalArgumentException if {@code team} is blank
     */
    public Builder team(@Nullable String team) {
      this.team = team == null ? null : Checks.requireText(team, "team");
      return this;
    }

    /**
     * Sets the time zone of calendar days, weeks and months.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the first day of a week.
     *
     * @param weekStart the day
     * @return this builder
     */
    public Builder weekStart(DayOfWeek weekStart) {
      this.weekStart = Objects.requireNonNull(weekStart, "weekStart");
      return this;
    }

    /**
     * Sets the team mapping.
     *
     * @param teams the mapping
     * @return this builder
     */
    public Builder teams(TeamMapping teams) {
      this.teams = Objects.requireNonNull(teams, "teams");
      return this;
    }

    /**
     * Sets the DORA options; their zone is replaced by the report's.
     *
     * @param dora the options
     * @return this builder
     */
    public Builder dora(DoraOptions dora) {
      this.dora = Objects.requireNonNull(dora, "dora");
      return this;
    }

    /**
     * Sets the commit-range reader.
     *
     * @param commitRange the reader, or null
     * @return this builder
     */
    public Builder commitRange(@Nullable CommitRange commitRange) {
      this.commitRange = commitRange;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     * @throws IllegalArgumentException if a team is set that the mapping does not name
     */
    public ReportOptions build() {
      if (team != null && !teams.teams().contains(team)) {
        throw new IllegalArgumentException(
            "team must be one of the mapping's teams " + teams.teams() + " but was '" + team + "'");
      }
      return new ReportOptions(this, window);
    }
  }
}
