package dev.pulse.metrics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict RFC 8259 parser for the tests, so that the report's JSON is checked by code that shares
 * nothing with the writer: objects become {@link LinkedHashMap}s, arrays {@link List}s, numbers
 * {@link Double}s (and {@link Long}s when integral without fraction or exponent), {@code null} a
 * sentinel. Throws {@link IllegalArgumentException} on any deviation, including trailing text and
 * repeated keys.
 */
final class MiniJson {
  /** The parsed form of JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private final String s;
  private int i;

  private MiniJson(String s) {
    this.s = s;
  }

  static Object parse(String json) {
    MiniJson p = new MiniJson(json);
    Object v = p.value();
    p.ws();
    if (p.i != json.length()) {
      throw p.error("trailing text");
    }
    return v;
  }

  private Object value() {
    ws();
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    i++;
    ws();
    if (peek() == '}') {
      i++;
      return out;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      if (out.put(key, value()) != null) {
        throw error("repeated key " + key);
      }
      ws();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    i++;
    ws();
    if (peek() == ']') {
      i++;
      return out;
    }
    while (true) {
      out.add(value());
      ws();
      char c = next();
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    digits();
    boolean integral = true;
    if (i < s.length() && s.charAt(i) == '.') {
      integral = false;
      i++;
      digits();
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      integral = false;
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    String text = s.substring(start, i);
    return integral ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
  }

  private void digits() {
    int start = i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, i)) {
      throw error("expected " + word);
    }
    i += word.length();
    return v;
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private char next() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(i++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + i);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(@Nullable Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("not an object: " + o);
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> arr(@Nullable Object o) {
    if (!(o instanceof List)) {
      throw new IllegalArgumentException("not an array: " + o);
    }
    return (List<Object>) o;
  }
}
