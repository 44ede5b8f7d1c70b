package dev.pulse.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Lists of strings as JSON arrays in one text column: readable in SQL, no JSON library needed. */
final class JsonStrings {
  private JsonStrings() {}

  static String encode(Collection<String> values) {
    StringBuilder out = new StringBuilder("[");
    boolean first = true;
    for (String value : values) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20) {
              out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
    return out.append(']').toString();
  }

  static List<String> decode(String json) {
    List<String> values = new ArrayList<>();
    int i = expect(json, 0, '[');
    i = skipSpace(json, i);
    if (i < json.length() && json.charAt(i) == ']') {
      return values;
    }
    while (true) {
      i = expect(json, skipSpace(json, i), '"');
      StringBuilder value = new StringBuilder();
      while (true) {
        if (i >= json.length()) {
          throw new IllegalArgumentException("unterminated string in a JSON list column");
        }
        char c = json.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char escaped = json.charAt(i++);
          switch (escaped) {
            case 'u' -> {
              value.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
              i += 4;
            }
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            default -> value.append(escaped);
          }
        } else {
          value.append(c);
        }
      }
      values.add(value.toString());
      i = skipSpace(json, i);
      if (i < json.length() && json.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(json, i, ']');
      return values;
    }
  }

  private static int skipSpace(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int expect(String json, int i, char c) {
    if (i >= json.length() || json.charAt(i) != c) {
      throw new IllegalArgumentException("malformed JSON list column: expected '" + c + "'");
    }
    return i + 1;
  }
}
