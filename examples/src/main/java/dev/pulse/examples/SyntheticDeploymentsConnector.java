package dev.pulse.examples;

import dev.pulse.EntityType;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.ScopeNotFoundException;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Connector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A connector over deployments held in memory, written the way a real connector is: it discovers
 * its scopes (one per repository, {@code demo:repo:<name>}), pre-counts them exactly, and
 * implements the one page-fetch function, returning deployments strictly after the requested
 * position in (finished-at, build id) order.
 *
 * <p>Thread-safe: {@link #add(Deployment)} may be called while scopes are being read.
 */
final class SyntheticDeploymentsConnector implements Connector<Deployment> {
  static final String SOURCE = "demo";

  private static final Comparator<Deployment> ORDER =
      Comparator.comparing(SyntheticDeploymentsConnector::positionOf);

  private final Map<String, List<Deployment>> byRepository = new ConcurrentHashMap<>();

  void add(Deployment deployment) {
    byRepository
        .computeIfAbsent(deployment.repository(), r -> new CopyOnWriteArrayList<>())
        .add(deployment);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public EntityType entityType() {
    return EntityType.DEPLOYMENTS;
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    return new TreeMap<>(byRepository)
        .keySet().stream().map(r -> ScopeKey.of(SOURCE, "repo", r)).toList();
  }

  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    return ItemCount.exact(remaining(scope, after).size());
  }

  @Override
  public PageFetcher<Deployment> openScope(ScopeKey scope) {
    if (!byRepository.containsKey(scope.value())) {
      throw new ScopeNotFoundException(scope);
    }
    return this::fetch;
  }

  private Page<Deployment> fetch(PageRequest request) {
    List<Deployment> remaining = remaining(request.scope(), request.after());
    List<Deployment> page = remaining.subList(0, Math.min(request.pageSize(), remaining.size()));
    if (page.isEmpty()) {
      return Page.last(List.of(), null);
    }
    Deployment last = page.get(page.size() - 1);
    Position position = positionOf(last);
    return page.size() < remaining.size() ? Page.more(page, position) : Page.last(page, position);
  }

  private List<Deployment> remaining(ScopeKey scope, @Nullable Position after) {
    List<Deployment> all = new ArrayList<>(byRepository.getOrDefault(scope.value(), List.of()));
    all.sort(ORDER);
    if (after == null) {
      return all;
    }
    return all.stream().filter(d -> positionOf(d).isAfter(after)).toList();
  }

  private static Position positionOf(Deployment deployment) {
    return Position.at(deployment.effectiveAt(), deployment.buildId());
  }
}
