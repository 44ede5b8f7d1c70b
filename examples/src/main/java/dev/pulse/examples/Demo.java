package dev.pulse.examples;

import dev.pulse.Watermark;
import dev.pulse.engine.Ingestion;
import dev.pulse.engine.IngestionReport;
import dev.pulse.engine.ReadOptions;
import dev.pulse.engine.ScopeResult;
import dev.pulse.inmemory.InMemoryWatermarkStore;
import dev.pulse.metrics.dora.Dora;
import dev.pulse.metrics.dora.DoraOptions;
import dev.pulse.metrics.dora.DoraReport;
import dev.pulse.metrics.dora.MttrResult;
import dev.pulse.metrics.dora.Window;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.progress.ProgressJson;
import dev.pulse.progress.ProgressSnapshot;
import dev.pulse.progress.ProgressTracker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The Pulse demo: an incremental, observable ingestion of deployments from three repositories, then
 * the DORA figures computed from what was stored.
 *
 * <p>It runs the real engine end to end: scopes are discovered, each is read in pages from its
 * watermark, every batch is stored before its watermark advances, and a second run after new
 * deployments arrive reads only those. Run it with {@code java -jar
 * examples/target/pulse-demo.jar}.
 */
public final class Demo {
  private static final Instant START = Instant.parse("2026-10-01T08:00:00Z");
  private static final List<String> REPOSITORIES = List.of("api", "web", "worker");

  private Demo() {}

  /**
   * Runs the demo and prints what happens.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    SyntheticDeploymentsConnector connector = new SyntheticDeploymentsConnector();
    List<Deployment> generated = generate(new Random(7), START, 28, 0);
    generated.forEach(connector::add);

    InMemoryWatermarkStore watermarks = new InMemoryWatermarkStore();
    List<Deployment> stored = Collections.synchronizedList(new ArrayList<>());
    ProgressTracker progress = ProgressTracker.builder().build();
    Ingestion<Deployment> ingestion =
        Ingestion.builder(connector, (key, batch) -> stored.addAll(batch.items()), watermarks)
            .tenant("demo")
            .readOptions(ReadOptions.builder().pageSize(25).build())
            .listener(progress.listener())
            .build();

    out.println(
        "== Run 1: backfill "
            + generated.size()
            + " deployments from "
            + REPOSITORIES.size()
            + " repositories");
    print(out, ingestion.run());
    out.println();
    out.println("Progress per scope (what GET /pipeline/jobs would serve):");
    for (ProgressSnapshot snapshot : progress.snapshots()) {
      out.printf(
          "  %-22s %-8s %4d/%-4s %5s%%  %s%n",
          snapshot.scopeKey(),
          snapshot.status(),
          snapshot.itemsDone(),
          snapshot.itemsEstimate(),
          snapshot.progressPct(),
          snapshot.stalled() ? "STALLED" : "eta=" + snapshot.etaSeconds() + "s");
    }
    out.println("  as JSON: " + ProgressJson.toJson(progress.snapshots().get(0)));

    List<Deployment> arrivals =
        generate(new Random(8), START.plus(Duration.ofDays(28)), 3, generated.size());
    arrivals.forEach(connector::add);
    out.println();
    out.println("== Run 2: " + arrivals.size() + " new deployments arrived; only they are read");
    print(out, ingestion.run());

    out.println();
    out.println(
        "Stored "
            + stored.size()
            + " deployments in total (generated "
            + (generated.size() + arrivals.size())
            + ").");

    Window window = Window.ending(START.plus(Duration.ofDays(31)), Duration.ofDays(31));
    DoraReport dora = Dora.compute(List.copyOf(stored), List.of(), window, DoraOptions.defaults());
    out.println();
    out.println(
        "== DORA over "
            + window.start()
            + " .. "
            + window.end()
            + " (levels: "
            + dora.benchmark()
            + ")");
    out.printf(
        "  deployment frequency  %.2f/day, %.1f deploy-days/week  -> %s%n",
        dora.deploymentFrequency().deploymentsPerDay(),
        dora.deploymentFrequency().deployDaysPerWeek(),
        dora.deploymentFrequency().level());
    out.printf(
        "  change failure rate   %d of %d = %.1f%%  -> %s%n",
        dora.changeFailureRate().failed(),
        dora.changeFailureRate().total(),
        100 * nonNull(dora.changeFailureRate().rate()),
        dora.changeFailureRate().level());
    MttrResult mttr = dora.timeToRestore();
    out.printf(
        "  time to restore       median %s, p90 %s over %d incidents (%d open, %d superseded,"
            + " %d flaky)  -> %s%n",
        mttr.median(),
        mttr.p90(),
        mttr.resolved(),
        mttr.open(),
        mttr.superseded(),
        mttr.flakyExcluded(),
        mttr.level());
    out.println("  lead time for changes needs pull requests; this demo ingests deployments only.");
    out.println("  overall: " + dora.overall());
  }

  private static double nonNull(@org.jspecify.annotations.Nullable Double value) {
    return value == null ? 0 : value;
  }

  private static void print(PrintStream out, IngestionReport report) {
    for (ScopeResult scope : report.scopes()) {
      Watermark watermark = scope.watermark();
      out.printf(
          "  %-22s %-9s items=%-4d batches=%-3d watermark=%s (total %d)%n",
          scope.key().scope(),
          scope.outcome(),
          scope.itemsStored(),
          scope.batchesStored(),
          watermark.position(),
          watermark.itemsStored());
    }
  }

  /**
   * Generates a deterministic deployment history: a few deployments a day per repository, a
   * production failure now and then followed by a fix, and the environment named "prod" or
   * "production" by different pipelines.
   */
  static List<Deployment> generate(Random random, Instant from, int days, int firstBuild) {
    List<Deployment> deployments = new ArrayList<>();
    int build = firstBuild;
    for (int day = 0; day < days; day++) {
      for (String repository : REPOSITORIES) {
        int perDay = 1 + random.nextInt(4);
        Instant at = from.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(120)));
        for (int i = 0; i < perDay; i++) {
          String environment =
              random.nextInt(5) == 0 ? "staging" : random.nextBoolean() ? "prod" : "production";
          boolean fails = random.nextInt(8) == 0;
          Duration took = Duration.ofMinutes(4 + random.nextInt(10));
          deployments.add(
              Deployment.builder()
                  .repository(repository)
                  .environment(environment)
                  .buildId(Integer.toString(++build))
                  .startedAt(at)
                  .finishedAt(at.plus(took))
                  .result(fails ? DeploymentResult.FAILURE : DeploymentResult.SUCCESS)
                  .system(DeploymentSystem.JENKINS)
                  .build());
          at =
              at.plus(took)
                  .plus(
                      Duration.ofMinutes(
                          fails ? 20 + random.nextInt(180) : 60 + random.nextInt(240)));
        }
      }
    }
    return deployments;
  }
}
