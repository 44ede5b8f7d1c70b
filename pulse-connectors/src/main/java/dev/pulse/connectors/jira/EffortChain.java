package dev.pulse.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.model.EffortSource;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The effort fallback chain: native story points, then T-shirt option fields, then the original
 * estimate in hour buckets, else unestimated; every value counted by its source. Thread-safe.
 */
final class EffortChain {
  static final Map<String, Double> TSHIRT_TO_POINTS =
      Map.ofEntries(
          Map.entry("PP", 1.0),
          Map.entry("P", 2.0),
          Map.entry("M", 3.0),
          Map.entry("G", 5.0),
          Map.entry("GG", 8.0),
          Map.entry("GGG", 13.0),
          Map.entry("XS", 1.0),
          Map.entry("S", 2.0),
          Map.entry("L", 5.0),
          Map.entry("XL", 8.0),
          Map.entry("XXL", 13.0));

  private final List<String> storyPointFields;
  private final List<String> tshirtFields;
  private final Map<EffortSource, LongAdder> counts = new EnumMap<>(EffortSource.class);

  /** The value and where it came from; the value is null exactly when unestimated. */
  record Estimate(@Nullable Double points, EffortSource source) {}

  EffortChain(JiraFields fields) {
    Set<String> sp = new LinkedHashSet<>();
    if (fields.storyPoints() != null) {
      sp.add(fields.storyPoints());
    }
    sp.add("customfield_10016");
    sp.add("customfield_10028");
    sp.add("story_points");
    this.storyPointFields = List.copyOf(sp);
    this.tshirtFields = fields.tshirt();
    for (EffortSource s : EffortSource.values()) {
      counts.put(s, new LongAdder());
    }
  }

  /** The field ids the chain reads, to request them from search explicitly. */
  List<String> fieldIds() {
    Set<String> ids = new LinkedHashSet<>(storyPointFields);
    ids.remove("story_points");
    ids.addAll(tshirtFields);
    ids.add("timeoriginalestimate");
    return List.copyOf(ids);
  }

  Estimate estimate(JsonNode fields) {
    Estimate e = compute(fields);
    LongAdder count = counts.get(e.source());
    if (count != null) {
      count.increment();
    }
    return e;
  }

  Map<EffortSource, Long> counts() {
    Map<EffortSource, Long> out = new EnumMap<>(EffortSource.class);
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private Estimate compute(JsonNode fields) {
    for (String id : storyPointFields) {
      Double v = positiveNumber(fields.get(id));
      if (v != null) {
        return new Estimate(v, EffortSource.STORY_POINTS);
      }
    }
    for (String id : tshirtFields) {
      String label = label(fields.get(id));
      if (label != null) {
        Double points = TSHIRT_TO_POINTS.get(label.toUpperCase(Locale.ROOT));
        if (points != null) {
          return new Estimate(points, EffortSource.TSHIRT_TO_POINTS);
        }
      }
    }
    Double seconds = positiveNumber(fields.get("timeoriginalestimate"));
    if (seconds != null) {
      return new Estimate(hoursToPoints(seconds / 3600.0), EffortSource.HOURS_TO_POINTS);
    }
    return new Estimate(null, EffortSource.UNESTIMATED);
  }

  static double hoursToPoints(double hours) {
    if (hours <= 4) {
      return 1;
    }
    if (hours <= 8) {
      return 2;
    }
    if (hours <= 16) {
      return 3;
    }
    if (hours <= 24) {
      return 5;
    }
    if (hours <= 40) {
      return 8;
    }
    if (hours <= 80) {
      return 13;
    }
    return 21;
  }

  /** A value > 0 from a number or numeric text; 0, negatives and unparseable text fall through. */
  private static @Nullable Double positiveNumber(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    double v;
    if (node.isNumber()) {
      v = node.asDouble();
    } else if (node.isTextual()) {
      String text = node.asText().strip();
      if (text.isEmpty()) {
        return null;
      }
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(v) && v > 0 ? v : null;
  }

  private static @Nullable String label(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      String s = JiraText.stripNul(node.asText()).strip();
      return s.isEmpty() ? null : s;
    }
    if (node.isObject()) {
      for (String key : List.of("value", "name", "displayName")) {
        JsonNode v = node.get(key);
        if (v != null && v.isTextual()) {
          String s = JiraText.stripNul(v.asText()).strip();
          if (!s.isEmpty()) {
            return s;
          }
        }
      }
    }
    return null;
  }
}
