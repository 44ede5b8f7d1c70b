package dev.pulse.kafka.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** What a Connect worker hands a connector and a task, reduced to what these tests look at. */
final class TestContexts {
  private TestContexts() {}

  /** Stored source offsets, as the worker's offset store would return them. */
  static final class Offsets implements OffsetStorageReader {
    final Map<Map<String, ?>, Map<String, Object>> stored = new HashMap<>();

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
      return stored.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(
        Collection<Map<String, T>> partitions) {
      Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
      for (Map<String, T> partition : partitions) {
        Map<String, Object> offset = stored.get(partition);
        if (offset != null) {
          found.put(partition, offset);
        }
      }
      return found;
    }
  }

  /** A task's context; with connector-defined boundaries it records each committed transaction. */
  static final class Task implements SourceTaskContext, TransactionContext {
    final Offsets offsets = new Offsets();
    final List<SourceRecord> transactionEnds = new ArrayList<>();
    boolean connectorBoundaries;

    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return offsets;
    }

    @Override
    public TransactionContext transactionContext() {
      return connectorBoundaries ? this : null;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }

    @Override
    public void commitTransaction() {
      throw new AssertionError("a transaction is ended by its last record");
    }

    @Override
    public void commitTransaction(SourceRecord record) {
      transactionEnds.add(record);
    }

    @Override
    public void abortTransaction() {
      throw new AssertionError("no transaction is aborted");
    }

    @Override
    public void abortTransaction(SourceRecord record) {
      throw new AssertionError("no transaction is aborted");
    }
  }

  /** A connector's context, which counts reconfiguration requests. */
  static final class Connector implements SourceConnectorContext {
    final Semaphore reconfigurations = new Semaphore(0);

    @Override
    public void requestTaskReconfiguration() {
      reconfigurations.release();
    }

    @Override
    public void raiseError(Exception e) {
      throw new AssertionError("unexpected connector error", e);
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return null;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new Offsets();
    }
  }
}
