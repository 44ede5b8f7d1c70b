package dev.pulse.kafka.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.ErrorCode;
import dev.pulse.InvalidScopeKeyException;
import dev.pulse.ScopeKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * How a connector's scopes are spread over its tasks, and how a task is told its share.
 *
 * <p>Scopes are sorted and dealt round-robin, so the same scopes over the same number of tasks
 * always give the same assignment and task sizes differ by at most one. A task's share travels in
 * its configuration as a JSON array under {@link #KEY} (a scope key may hold a comma). Stateless.
 */
final class TaskScopes {
  /** The task configuration key holding the task's scopes. */
  static final String KEY = "pulse.task.scopes";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private TaskScopes() {}

  /**
   * Deals scopes over at most {@code maxTasks} tasks.
   *
   * @return one non-empty list per task, no more lists than scopes; empty when there are no scopes
   * @throws IllegalArgumentException if {@code maxTasks < 1}
   */
  static List<List<ScopeKey>> spread(Collection<ScopeKey> scopes, int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be >= 1 but was " + maxTasks);
    }
    List<ScopeKey> sorted = new ArrayList<>(new TreeSet<>(scopes));
    int tasks = Math.min(maxTasks, sorted.size());
    List<List<ScopeKey>> groups = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < sorted.size(); i++) {
      groups.get(i % tasks).add(sorted.get(i));
    }
    return groups.stream().map(List::copyOf).toList();
  }

  /** Writes a task's scopes for its configuration. */
  static String encode(List<ScopeKey> scopes) {
    try {
      return MAPPER.writeValueAsString(scopes.stream().map(ScopeKey::toString).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of scope keys could not be written as JSON", e);
    }
  }

  /**
   * Reads a task's scopes from its configuration.
   *
   * @throws ConnectException with {@link ErrorCode#INVALID_CONFIG} if the value is not a JSON array
   *     of scope keys
   */
  static List<ScopeKey> decode(String json) {
    try {
      List<String> texts = MAPPER.readValue(json, STRINGS);
      List<ScopeKey> scopes = new ArrayList<>();
      for (String text : texts) {
        scopes.add(ScopeKey.parse(text));
      }
      return List.copyOf(scopes);
    } catch (JsonProcessingException | InvalidScopeKeyException | NullPointerException e) {
      throw new ConnectException(
          ErrorCode.INVALID_CONFIG
              + ": the task configuration's "
              + KEY
              + " is not a JSON array of scope keys; it is written by PulseSourceConnector",
          e);
    }
  }
}
