package dev.pulse.connectors.jenkins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Jenkins job's place in the folder tree: the names of its folders, multibranch project and
 * itself, as Jenkins spells them (a branch job of a multibranch project is named {@code
 * feature%2Flogin} for the branch {@code feature/login}).
 *
 * <p>The scope value and the URL path use the same form: each name percent-encoded (every byte
 * outside {@code A-Z a-z 0-9 - . _ ~}), joined by {@code /}. So a name with spaces or non-ASCII
 * letters still makes a valid scope key, and the scope value maps back to the job without asking
 * Jenkins. Immutable.
 */
final class JobPath {
  static final JobPath ROOT = new JobPath(List.of());

  private final List<String> names;

  private JobPath(List<String> names) {
    this.names = List.copyOf(names);
  }

  JobPath child(String name) {
    List<String> more = new ArrayList<>(names);
    more.add(Objects.requireNonNull(name, "name"));
    return new JobPath(more);
  }

  /** The folder holding this job; the root for a top-level job and for the root itself. */
  JobPath parent() {
    return names.isEmpty() ? this : new JobPath(names.subList(0, names.size() - 1));
  }

  /** The job's own name; empty for the root. */
  String name() {
    return names.isEmpty() ? "" : names.get(names.size() - 1);
  }

  /** Parses a scope value; throws IllegalArgumentException when it names no job. */
  static JobPath parseScopeValue(String value) {
    List<String> names = new ArrayList<>();
    for (String part : value.split("/", -1)) {
      String name = decode(part);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a job path has an empty name");
      }
      names.add(name);
    }
    return new JobPath(names);
  }

  boolean isRoot() {
    return names.isEmpty();
  }

  List<String> names() {
    return names;
  }

  /** The full name Jenkins shows, e.g. {@code payments/deploy-prod}. */
  String fullName() {
    return String.join("/", names);
  }

  /** The encoded form: the scope value. */
  String scopeValue() {
    List<String> encoded = new ArrayList<>(names.size());
    for (String name : names) {
      encoded.add(encode(name));
    }
    return String.join("/", encoded);
  }

  /** The path of the job below Jenkins' base URL, relative and ending in {@code /}. */
  String urlPath() {
    StringBuilder path = new StringBuilder();
    for (String name : names) {
      path.append("job/").append(encode(name)).append('/');
    }
    return path.toString();
  }

  static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  static String decode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("a job path has a cut-off escape");
        }
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("a job path has a malformed escape");
        }
        bytes.write((hi << 4) | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("a job path must be percent-encoded");
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JobPath other && other.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return fullName();
  }
}
