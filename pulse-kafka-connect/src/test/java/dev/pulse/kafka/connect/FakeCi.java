package dev.pulse.kafka.connect;

import dev.pulse.ScopeKey;
import dev.pulse.inmemory.InMemoryConnector;
import dev.pulse.model.Deployment;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.ReadOrder;
import dev.pulse.testkit.fake.SyntheticDeployments;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Named datasets of the testkit's {@link SyntheticDeployments} for these tests. Datasets are
 * registered by name so that connectors created by Connect (in this JVM) from a configuration
 * naming the dataset read the data a test set up and grows.
 */
final class FakeCi {
  private static final Map<String, Dataset> DATASETS = new ConcurrentHashMap<>();

  private FakeCi() {}

  /** The natural key the adapter gives deployment {@code n} of a scope. */
  static String key(ScopeKey scope, int n) {
    return scope.value() + "/production/" + scope.value() + "-b" + n;
  }

  /** Registers a dataset of {@code scopes} scopes with {@code perScope} deployments each. */
  static Dataset register(String name, int scopes, int perScope) {
    return register(name, scopes, perScope, ReadOrder.OLDEST_FIRST);
  }

  /** Registers a dataset read in the given order, as Jenkins is read newest first. */
  static Dataset register(String name, int scopes, int perScope, ReadOrder order) {
    Dataset dataset = new Dataset(SyntheticDeployments.connector(scopes, perScope, order));
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
