package dev.pulse.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of an HTTP query string, decoded and checked against the names an endpoint
 * accepts: the one reader behind {@link StatusHandler}'s {@code /status} filters and any other
 * endpoint that takes a few named parameters (the CLI's {@code /report}).
 *
 * <p>{@code a=1&b=x%20y} gives {@code {a=1, b=x y}}; a name without {@code =} has the empty value;
 * empty pairs ({@code &&}) are skipped; a malformed percent escape is kept as written rather than
 * failing the request. Stateless.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /**
   * Reads a raw (still percent-encoded) query string.
   *
   * @param query the query without {@code ?}, or null for none
   * @param accepted the parameter names the endpoint accepts
   * @param problems where each problem is added as a sentence (an unknown name, naming the accepted
   *     ones; a name given twice); the caller decides how to answer them
   * @return the accepted parameters in the order given, the first value of a repeated one
   */
  public static Map<String, String> parse(
      @Nullable String query, Set<String> accepted, List<String> problems) {
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(problems, "problems");
    Map<String, String> values = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return Collections.unmodifiableMap(values);
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!accepted.contains(name)) {
        problems.add(
            "unknown parameter \"" + name + "\"; the parameters are " + new TreeSet<>(accepted));
      } else if (values.putIfAbsent(name, value) != null) {
        problems.add("parameter " + name + " is given twice");
      }
    }
    return Collections.unmodifiableMap(values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
