package dev.pulse.kafka.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.pulse.ErrorCode;
import dev.pulse.model.Deployment;
import dev.pulse.model.Incident;
import dev.pulse.model.Issue;
import dev.pulse.model.PullRequest;
import dev.pulse.model.Sprint;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.connect.errors.ConnectException;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka form of a Pulse record: its value as canonical JSON and its key as the record's natural
 * key in its source.
 *
 * <p>Canonical means the same record always gives the same bytes: properties in alphabetical order,
 * map entries sorted by key, instants, durations and dates as ISO-8601 text, nulls written. The
 * natural key is the one Pulse's stores upsert on: an issue's key ({@code BG-12}), {@code
 * <repository>#<number>} for a pull request, {@code <repository>/<environment>/<buildId>} for a
 * deployment, a sprint's or incident's id; for a record type of a custom connector, its {@code key}
 * or {@code id} component, or no key (null) when it has neither. Stateless and thread-safe.
 */
final class RecordJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .addModule(
              new SimpleModule("pulse-canonical-time")
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addSerializer(Duration.class, ToStringSerializer.instance)
                  .addSerializer(LocalDate.class, ToStringSerializer.instance))
          .build();

  private RecordJson() {}

  /**
   * Writes a record as canonical JSON.
   *
   * @throws ConnectException with {@link ErrorCode#INVALID_DATA} if the record cannot be written
   */
  static String value(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new ConnectException(
          ErrorCode.INVALID_DATA
              + ": a "
              + record.getClass().getName()
              + " could not be written as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** Returns a record's natural key, or null when its type has none. */
  static @Nullable String key(Object record) {
    if (record instanceof Issue issue) {
      return issue.key();
    } else if (record instanceof PullRequest pr) {
      return pr.repository() + "#" + pr.number();
    } else if (record instanceof Deployment d) {
      return d.repository() + "/" + d.environment() + "/" + d.buildId();
    } else if (record instanceof Sprint sprint) {
      return sprint.id();
    } else if (record instanceof Incident incident) {
      return incident.id();
    }
    return componentKey(record);
  }

  private static @Nullable String componentKey(Object record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    if (components == null) {
      return null;
    }
    for (String name : new String[] {"key", "id"}) {
      for (RecordComponent component : components) {
        if (component.getName().equals(name)) {
          try {
            Object value = component.getAccessor().invoke(record);
            return value == null ? null : value.toString();
          } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
