package dev.pulse.metrics.report;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A minimal streaming JSON writer, so that {@code pulse-metrics} needs no JSON library: objects,
 * arrays, strings (escaped per RFC 8259), finite numbers, booleans and null, with no whitespace.
 * Not thread-safe; one instance writes one document.
 */
final class JsonWriter {
  private final StringBuilder out;

  /** For each open container, whether a value has been written in it yet. */
  private boolean[] nonEmpty = new boolean[16];

  private int depth;
  private boolean afterName;

  JsonWriter(StringBuilder out) {
    this.out = out;
  }

  JsonWriter beginObject() {
    separate();
    out.append('{');
    push();
    return this;
  }

  JsonWriter endObject() {
    depth--;
    out.append('}');
    return this;
  }

  JsonWriter beginArray() {
    separate();
    out.append('[');
    push();
    return this;
  }

  JsonWriter endArray() {
    depth--;
    out.append(']');
    return this;
  }

  JsonWriter name(String name) {
    separate();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  JsonWriter value(@Nullable String value) {
    separate();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  JsonWriter value(@Nullable Double value) {
    separate();
    if (value == null) {
      out.append("null");
    } else if (value.isNaN() || value.isInfinite()) {
      // JSON has no NaN or infinity; no figure of the report produces one
      throw new IllegalArgumentException("not a finite number: " + value);
    } else {
      out.append(value.doubleValue());
    }
    return this;
  }

  JsonWriter value(@Nullable Enum<?> value) {
    return value(value == null ? null : value.name());
  }

  JsonWriter value(@Nullable Instant value) {
    return value(value == null ? null : value.toString());
  }

  /** Writes a duration as seconds, exact to the nanosecond as far as a double allows. */
  JsonWriter seconds(@Nullable Duration value) {
    return value(value == null ? null : value.getSeconds() + value.getNano() / 1e9);
  }

  JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  private void push() {
    if (depth == nonEmpty.length) {
      nonEmpty = java.util.Arrays.copyOf(nonEmpty, depth * 2);
    }
    nonEmpty[depth++] = false;
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (nonEmpty[depth - 1]) {
        out.append(',');
      }
      nonEmpty[depth - 1] = true;
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
