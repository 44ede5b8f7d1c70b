package dev.pulse.connectors.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ErrorCode;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.Positions;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Walks one job's builds newest first, as {@link dev.pulse.spi.ReadOrder#NEWEST_FIRST} describes.
 *
 * <p>Builds come from {@code allBuilds[...]{M,N}} (Jenkins lists them by number, newest first). The
 * continuation carries the walk: the index of the next build, the number of the last build examined
 * (so builds added between pages, which shift every index, are recognised and skipped, and a build
 * deleted above it is found by stepping back), how many of that build's deployments were already
 * served (a build can deploy to several environments), the cap and the previous page position.
 *
 * <p><b>Running builds hold the watermark.</b> The engine moves the watermark to the highest page
 * position once the walk ends. A build still running is not served, so no page position may pass
 * it: the first page learns the oldest running build newer than the watermark (from the builds it
 * walked when it reached the watermark, else from a light probe {@code
 * allBuilds[number,building,timestamp]}) and every page position is capped just below it. The next
 * run walks back to the cap and reads the build once it has finished. Page positions also strictly
 * decrease, as the engine checks, even where Jenkins' clock went backwards.
 *
 * <p>Called by one thread at a time; between fetches it keeps only the last build it mapped.
 */
final class JenkinsBuildFetcher implements PageFetcher<Deployment> {
  private static final int PROBE_SIZE = 500;
  private static final int MAX_SOURCE_PAGES_PER_FETCH = 20;
  private static final String BUILD_FIELDS =
      "number,result,building,timestamp,duration,"
          + "actions[_class,lastBuiltRevision[SHA1,branch[name]],remoteUrls]";

  private final JenkinsConnector connector;
  private final ScopeKey scope;
  private final JobPath job;
  private final @Nullable String jobEnvironment;
  private @Nullable Mapped lastMapped;

  JenkinsBuildFetcher(
      JenkinsConnector connector, ScopeKey scope, JobPath job, @Nullable String jobEnvironment) {
    this.connector = connector;
    this.scope = scope;
    this.job = job;
    this.jobEnvironment = jobEnvironment;
  }

  @Override
  public Page<Deployment> fetch(PageRequest request) {
    if (!request.scope().equals(scope)) {
      throw new IllegalArgumentException(
          "this fetcher reads " + scope + " but was asked for " + request.scope());
    }
    Position after = request.after();
    String continuation = request.continuation();
    boolean firstPage = continuation == null;
    Walk walk = continuation == null ? Walk.START : Walk.parse(continuation, scope);
    int pageSize = request.pageSize();
    List<Deployment> items = new ArrayList<>();
    Position newest = null;
    Position oldestRunning = null;
    boolean ended = false;
    int sourcePages = 0;
    outer:
    while (sourcePages < MAX_SOURCE_PAGES_PER_FETCH) {
      int from = Math.max(0, walk.nextIndex - 1);
      int size = pageSize + 1;
      List<JsonNode> builds = builds(BUILD_FIELDS, from, from + size);
      sourcePages++;
      if (walk.anchor >= 0
          && from > 0
          && !builds.isEmpty()
          && number(builds.get(0)) < walk.anchor) {
        // Builds above the last one examined were deleted, so the list moved up: step back.
        walk = walk.withNextIndex(Math.max(1, walk.nextIndex - size));
        continue;
      }
      for (int i = 0; i < builds.size(); i++) {
        JsonNode build = builds.get(i);
        long number = number(build);
        if (walk.anchor >= 0
            && (number > walk.anchor || (number == walk.anchor && walk.served == 0))) {
          // Examined already: the list moved down by builds added since.
          walk = walk.withNextIndex(from + i + 1);
          continue;
        }
        Instant started = Instant.ofEpochMilli(build.path("timestamp").asLong());
        Position position = BuildMapper.position(started, number);
        if (after != null && !position.isAfter(after)) {
          ended = true;
          break outer;
        }
        if (newest == null) {
          newest = position;
        }
        int skip = number == walk.anchor ? walk.served : 0;
        List<Deployment> deployments;
        if (build.path("building").asBoolean(false)) {
          oldestRunning = position;
          deployments = List.of();
        } else {
          deployments = map(build, number, started);
        }
        List<Deployment> fresh =
            deployments.subList(Math.min(skip, deployments.size()), deployments.size());
        int room = pageSize - items.size();
        if (fresh.size() > room) {
          items.addAll(fresh.subList(0, room));
          walk = walk.examined(from + i + 1, number, skip + room);
          break outer;
        }
        items.addAll(fresh);
        walk = walk.examined(from + i + 1, number, 0);
        if (items.size() >= pageSize) {
          break outer;
        }
      }
      if (builds.size() < size) {
        ended = true;
        break;
      }
    }
    Position cap = walk.cap;
    if (firstPage) {
      if (ended) {
        cap = capBelow(oldestRunning);
      } else {
        cap = probeRunning(after);
      }
    }
    if (newest == null) {
      Position previous = walk.previous;
      if (ended || previous == null) {
        return Page.last(List.of(), null);
      }
      // Only builds examined before were seen (the list shifted by more than the pages read).
      return Page.more(List.of(), below(previous), walk.with(cap, below(previous)).encode());
    }
    Position position = newest;
    if (cap != null && position.isAfter(cap)) {
      position = cap;
    }
    Position previousPage = walk.previous;
    if (previousPage != null && !previousPage.isAfter(position)) {
      position = below(previousPage);
    }
    Position pagePosition = Objects.requireNonNull(position);
    if (ended) {
      return Page.last(items, pagePosition);
    }
    return Page.more(items, pagePosition, walk.with(cap, pagePosition).encode());
  }

  /**
   * Maps a build, remembering the last one: a build whose deployments did not all fit a page is
   * mapped again by the next fetch, which must not ask for its stages twice.
   */
  private List<Deployment> map(JsonNode build, long number, Instant started) {
    Mapped last = lastMapped;
    if (last != null && last.number == number && last.started.equals(started)) {
      return last.deployments;
    }
    List<Deployment> deployments = connector.map(scope, job, jobEnvironment, build);
    lastMapped = new Mapped(number, started, deployments);
    return deployments;
  }

  private record Mapped(long number, Instant started, List<Deployment> deployments) {}

  /** The oldest running build newer than the watermark, as a cap just below it; null if none. */
  private @Nullable Position probeRunning(@Nullable Position after) {
    Position oldestRunning = null;
    int from = 0;
    while (true) {
      List<JsonNode> builds = builds("number,building,timestamp", from, from + PROBE_SIZE);
      for (JsonNode build : builds) {
        Position position =
            BuildMapper.position(
                Instant.ofEpochMilli(build.path("timestamp").asLong()), number(build));
        if (after != null && !position.isAfter(after)) {
          return capBelow(oldestRunning);
        }
        if (build.path("building").asBoolean(false)) {
          oldestRunning = position;
        }
      }
      if (builds.size() < PROBE_SIZE) {
        return capBelow(oldestRunning);
      }
      from += PROBE_SIZE;
    }
  }

  private static Position below(Position position) {
    return Positions.below(position);
  }

  private static @Nullable Position capBelow(@Nullable Position oldestRunning) {
    return oldestRunning == null ? null : below(oldestRunning);
  }

  /**
   * Estimates how many builds are newer than {@code after} with one request for the newest {@code
   * limit} builds' numbers and start times: the count of those newer, or, when all of them are, the
   * gap in build numbers (deleted builds make it an over-estimate). Running builds count too: they
   * are served once finished. Approximate, since a build is one deployment per deploy stage with
   * stage detection.
   */
  ItemCount estimate(@Nullable Position after, int limit) {
    List<JsonNode> builds = builds("number,timestamp", 0, limit);
    long newer = 0;
    for (JsonNode build : builds) {
      Position position =
          BuildMapper.position(
              Instant.ofEpochMilli(build.path("timestamp").asLong()), number(build));
      if (after != null && !position.isAfter(after)) {
        return ItemCount.approximate(newer);
      }
      newer++;
    }
    if (builds.size() < limit) {
      return ItemCount.approximate(newer);
    }
    long newest = number(builds.get(0));
    long byNumbers = after == null ? newest : newest - after.tieBreaker().number();
    return ItemCount.approximate(Math.max(newer, byNumbers));
  }

  private List<JsonNode> builds(String fields, int from, int to) {
    String tree = "allBuilds[" + fields + "]{" + from + "," + to + "}";
    HttpResult result =
        connector
            .http()
            .get(
                job.urlPath() + "api/json?tree=" + URLEncoder.encode(tree, StandardCharsets.UTF_8),
                scope);
    JsonNode root = result.json();
    JsonNode all = Json.child(root, "allBuilds");
    if (all == null || !all.isArray()) {
      throw result.invalidData("the answer has no allBuilds array");
    }
    List<JsonNode> builds = new ArrayList<>(all.size());
    long previous = Long.MAX_VALUE;
    for (JsonNode build : all) {
      if (!build.path("number").canConvertToLong() || !build.path("timestamp").canConvertToLong()) {
        throw result.invalidData("a build without a number or timestamp");
      }
      long number = build.path("number").asLong();
      if (number >= previous) {
        throw result.invalidData(
            "builds are not listed newest first (" + number + " after " + previous + ")");
      }
      previous = number;
      builds.add(build);
    }
    return builds;
  }

  private static long number(JsonNode build) {
    return build.path("number").asLong();
  }

  /**
   * Where a walk stands: the next build index, the last build examined ({@code anchor}, -1 before
   * any), how many of its deployments were served when it did not fit a page (0: all), the
   * running-build cap and the previous page's position.
   */
  private record Walk(
      int nextIndex, long anchor, int served, @Nullable Position cap, @Nullable Position previous) {
    static final Walk START = new Walk(0, -1, 0, null, null);

    Walk examined(int next, long number, int servedOfIt) {
      return new Walk(next, number, servedOfIt, cap, previous);
    }

    Walk withNextIndex(int next) {
      return new Walk(next, anchor, served, cap, previous);
    }

    Walk with(@Nullable Position newCap, @Nullable Position page) {
      return new Walk(nextIndex, anchor, served, newCap, page);
    }

    String encode() {
      return "w1:" + nextIndex + ":" + anchor + ":" + served + ":" + pos(cap) + ":" + pos(previous);
    }

    private static String pos(@Nullable Position p) {
      return Positions.encodeInstantNumber(p);
    }

    static Walk parse(String text, ScopeKey scope) {
      String[] parts = text.split(":", -1);
      try {
        if (parts.length != 6 || !parts[0].equals("w1")) {
          throw new IllegalArgumentException("not a walk");
        }
        return new Walk(
            Integer.parseInt(parts[1]),
            Long.parseLong(parts[2]),
            Integer.parseInt(parts[3]),
            unpos(parts[4]),
            unpos(parts[5]));
      } catch (IllegalArgumentException e) {
        throw new SourceException(
            ErrorCode.INVALID_DATA,
            JenkinsConnector.SOURCE,
            scope,
            "the continuation \"" + text + "\" is not one this connector made",
            e);
      }
    }

    private static @Nullable Position unpos(String text) {
      return Positions.decodeInstantNumber(text);
    }
  }
}
