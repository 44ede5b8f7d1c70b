package dev.pulse.kafka.connect;

import dev.pulse.EntityType;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.model.Deployment;
import dev.pulse.model.DeploymentResult;
import dev.pulse.model.DeploymentSystem;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.ReadOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic in-memory CI source of these tests: scopes {@code ci:repo:r000}, {@code
 * ci:repo:r001}, ..., each with deployments {@code <repo>-b<n>} one second apart, read oldest
 * first. Datasets are registered by name so that connectors created by Connect (in this JVM) from a
 * configuration naming the dataset read the data a test set up and grows.
 */
final class FakeCi {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Map<String, Dataset> DATASETS = new ConcurrentHashMap<>();

  private FakeCi() {}

  static ScopeKey scope(int i) {
    return ScopeKey.of("ci", "repo", String.format("r%03d", i));
  }

  static Deployment deployment(ScopeKey scope, int n) {
    Instant at = T0.plusSeconds(n);
    return Deployment.builder()
        .repository(scope.value())
        .environment("production")
        .buildId(scope.value() + "-b" + n)
        .startedAt(at)
        .finishedAt(at.plusSeconds(1))
        .result(DeploymentResult.SUCCESS)
        .system(DeploymentSystem.JENKINS)
        .updatedAt(at)
        .build();
  }

  static List<Deployment> deployments(ScopeKey scope, int from, int to) {
    List<Deployment> items = new ArrayList<>();
    for (int n = from; n < to; n++) {
      items.add(deployment(scope, n));
    }
    return items;
  }

  /** The natural key the adapter gives deployment {@code n} of a scope. */
  static String key(ScopeKey scope, int n) {
    return scope.value() + "/production/" + scope.value() + "-b" + n;
  }

  static Position position(Deployment deployment) {
    return Position.at(deployment.updatedAt(), deployment.buildId());
  }

  /** Registers a dataset of {@code scopes} scopes with {@code perScope} deployments each. */
  static Dataset register(String name, int scopes, int perScope) {
    return register(name, scopes, perScope, ReadOrder.OLDEST_FIRST);
  }

  /** Registers a dataset read in the given order, as Jenkins is read newest first. */
  static Dataset register(String name, int scopes, int perScope, ReadOrder order) {
    InMemoryConnector.Builder<Deployment> builder =
        InMemoryConnector.builder("ci", EntityType.DEPLOYMENTS, FakeCi::position).readOrder(order);
    for (int i = 0; i < scopes; i++) {
      builder.scope(scope(i), deployments(scope(i), 0, perScope));
    }
    Dataset dataset = new Dataset(builder.build());
    DATASETS.put(name, dataset);
    return dataset;
  }

  static Dataset dataset(String name) {
    Dataset dataset = DATASETS.get(name);
    if (dataset == null) {
      throw new IllegalArgumentException("no fake CI dataset is named " + name);
    }
    return dataset;
  }

  /** One registered source: its data, and a failure its next fetches throw while set. */
  static final class Dataset {
    final InMemoryConnector<Deployment> data;
    final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();

    Dataset(InMemoryConnector<Deployment> data) {
      this.data = data;
    }

    /** A connector over this dataset; closing it leaves the shared data open. */
    Connector<Deployment> connector() {
      return new ForwardingConnector<>() {
        @Override
        protected Connector<Deployment> delegate() {
          return data;
        }

        @Override
        public PageFetcher<Deployment> openScope(ScopeKey scope) {
          PageFetcher<Deployment> fetcher = data.openScope(scope);
          return new PageFetcher<>() {
            @Override
            public dev.pulse.spi.Page<Deployment> fetch(dev.pulse.spi.PageRequest request)
                throws Exception {
              RuntimeException failing = failure.get();
              if (failing != null) {
                throw failing;
              }
              return fetcher.fetch(request);
            }

            @Override
            public void close() {
              fetcher.close();
            }
          };
        }

        @Override
        public void close() {
          // The dataset outlives every connector Connect creates over it.
        }
      };
    }
  }
}
