package dev.pulse.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The table names of one Pulse schema: the only text ever spliced into SQL, and only after it was
 * validated as a plain identifier. User values always travel as bind parameters.
 */
final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,23}|");

  private final @Nullable String schema;
  private final String prefix;

  Names(@Nullable String schema, String prefix) {
    this.schema = schema == null ? null : requireSchema(schema);
    this.prefix = requirePrefix(prefix);
  }

  static String requireSchema(String schema) {
    Objects.requireNonNull(schema, "schema");
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must match " + IDENTIFIER.pattern() + " but was \"" + schema + "\"");
    }
    return schema;
  }

  static String requirePrefix(String prefix) {
    Objects.requireNonNull(prefix, "tablePrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "tablePrefix must be empty or match [a-z_][a-z0-9_]{0,23} but was \"" + prefix + "\"");
    }
    return prefix;
  }

  @Nullable String schema() {
    return schema;
  }

  String prefix() {
    return prefix;
  }

  /** The qualified name of one of Pulse's tables, e.g. {@code analytics.pulse_watermarks}. */
  String table(String name) {
    return schema == null ? prefix + name : schema + "." + prefix + name;
  }

  /** The unqualified name, as it appears in messages. */
  String bare(String name) {
    return prefix + name;
  }
}
