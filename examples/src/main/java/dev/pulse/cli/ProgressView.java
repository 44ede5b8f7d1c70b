package dev.pulse.cli;

import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressStatus;
import dev.pulse.progress.ProgressTracker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live per-scope progress of an ingestion on the terminal: a bar, the rate, the ETA and a stalled
 * marker per running scope, redrawn in place with ANSI escapes; or, when the output is not a
 * terminal ({@code System.console() == null}), plain lines: one per running scope every few seconds
 * and one when a scope finishes.
 *
 * <p>Redraws every {@link #interval(boolean)}. Starts a daemon thread on {@link #start()}; {@link
 * #close()} stops it and draws the last frame. Not for concurrent use by several callers.
 */
public final class ProgressView implements AutoCloseable {
  private static final int BAR = 24;
  private static final int MAX_ROWS = 12;

  private final ProgressTracker tracker;
  private final PrintWriter out;
  private final boolean terminal;
  private final Duration interval;
  private final Map<String, ProgressStatus> announced = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "pulse-progress-view");
            thread.setDaemon(true);
            return thread;
          });
  private int drawnLines;

  /**
   * Creates a view.
   *
   * @param tracker the tracker whose snapshots are shown
   * @param out where to draw
   * @param terminal true to redraw in place, false for plain lines
   */
  public ProgressView(ProgressTracker tracker, PrintWriter out, boolean terminal) {
    this.tracker = tracker;
    this.out = out;
    this.terminal = terminal;
    this.interval = interval(terminal);
  }

  /**
   * The redraw interval: 250 ms on a terminal, 5 s for plain lines, or the ISO-8601 duration of the
   * system property {@code pulse.progress.interval} (for denser CI logs, and the demo's resume
   * test).
   */
  static Duration interval(boolean terminal) {
    String configured = System.getProperty("pulse.progress.interval");
    if (configured != null) {
      try {
        Duration parsed = Duration.parse(configured);
        if (!parsed.isNegative() && !parsed.isZero()) {
          return parsed;
        }
      } catch (java.time.format.DateTimeParseException e) {
        // Fall back to the default: a bad knob must not stop an ingestion.
      }
    }
    return terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5);
  }

  /**
   * Tells whether standard output is a terminal: {@code System.console() != null} on JDK 17 to 21;
   * from JDK 22 on, where a console always exists, its {@code isTerminal()}.
   */
  @SuppressWarnings("SystemConsoleNull") // isTerminal() is asked reflectively where it exists
  public static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Object terminal = java.io.Console.class.getMethod("isTerminal").invoke(console);
      return Boolean.TRUE.equals(terminal);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Starts drawing. */
  public void start() {
    long millis = interval.toMillis();
    var unused = timer.scheduleAtFixedRate(this::drawSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw(true);
  }

  private void drawSafely() {
    try {
      draw(false);
    } catch (RuntimeException e) {
      // A drawing failure must never stop the ingestion it shows.
    }
  }

  private synchronized void draw(boolean last) {
    tracker.poll();
    List<ProgressSnapshot> snapshots = new ArrayList<>(tracker.snapshots());
    if (terminal) {
      drawTerminal(snapshots, last);
    } else {
      drawPlain(snapshots);
    }
    out.flush();
  }

  private void drawTerminal(List<ProgressSnapshot> snapshots, boolean last) {
    StringBuilder frame = new StringBuilder();
    if (drawnLines > 0) {
      frame.append("\033[").append(drawnLines).append("A\033[J");
    }
    snapshots.sort(
        Comparator.comparing((ProgressSnapshot s) -> s.status().isFinished())
            .thenComparing(s -> -s.itemsDone()));
    int lines = 0;
    int done = 0;
    int running = 0;
    long items = 0;
    double rate = 0;
    for (ProgressSnapshot snapshot : snapshots) {
      items += snapshot.itemsDone();
      if (snapshot.status().isFinished()) {
        done++;
      } else {
        running++;
        rate += snapshot.itemsPerSecond();
      }
    }
    frame.append(
        String.format(
            Locale.ROOT,
            "%d scope(s): %d finished, %d in progress; %,d items; %,.0f items/s%n",
            snapshots.size(),
            done,
            running,
            items,
            rate));
    lines++;
    if (!last) {
      int shown = 0;
      for (ProgressSnapshot snapshot : snapshots) {
        if (shown == MAX_ROWS || snapshot.status().isFinished()) {
          break;
        }
        frame.append(row(snapshot)).append('\n');
        lines++;
        shown++;
      }
    }
    out.print(frame);
    drawnLines = lines;
  }

  private void drawPlain(List<ProgressSnapshot> snapshots) {
    for (ProgressSnapshot snapshot : snapshots) {
      String key = snapshot.entityType() + " " + snapshot.scopeKey();
      ProgressStatus before = announced.put(key, snapshot.status());
      if (snapshot.status().isFinished()) {
        if (before != snapshot.status()) {
          out.printf(
              Locale.ROOT,
              "%-9s %-28s %,d items%s%n",
              snapshot.status(),
              snapshot.scopeKey(),
              snapshot.itemsDone(),
              snapshot.lastError() == null ? "" : " (" + snapshot.lastError() + ")");
        }
      } else {
        out.println(row(snapshot));
      }
    }
  }

  /** One line: scope, bar, done/estimate, rate, ETA, stalled marker. */
  static String row(ProgressSnapshot s) {
    Double pct = s.progressPct();
    int filled = pct == null ? 0 : (int) Math.round(pct / 100 * BAR);
    String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
    Long estimate = s.itemsEstimate();
    Long eta = s.etaSeconds();
    return String.format(
        Locale.ROOT,
        "  %-28s [%s] %5s %,9d/%-9s %,8.0f/s  ETA %-8s %s",
        s.scopeKey(),
        bar,
        pct == null ? "?" : String.format(Locale.ROOT, "%.0f%%", pct),
        s.itemsDone(),
        estimate == null ? "?" : String.format(Locale.ROOT, "%,d", estimate),
        s.itemsPerSecond(),
        eta == null ? "?" : clock(eta),
        s.stalled() ? "STALLED " + s.stalledForSeconds() + "s" : s.status().name());
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
