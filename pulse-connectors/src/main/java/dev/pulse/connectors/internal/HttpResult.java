package dev.pulse.connectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ErrorCode;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A response {@link JsonHttp} accepted: its status, headers and body, and whether the body came
 * from the conditional-request cache (the source answered 304 Not Modified).
 *
 * <p>Immutable; the body array is not copied, so do not modify it.
 */
public final class HttpResult {
  private final String source;
  private final @Nullable ScopeKey scope;
  private final String what;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean fromCache;

  HttpResult(
      String source,
      @Nullable ScopeKey scope,
      String what,
      int status,
      HttpHeaders headers,
      byte[] body,
      boolean fromCache) {
    this.source = source;
    this.scope = scope;
    this.what = what;
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.fromCache = fromCache;
  }

  /**
   * Returns the HTTP status; 200 for a body served from the cache after a 304.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the response headers.
   *
   * @return the headers
   */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * Returns the raw body.
   *
   * @return the body bytes
   */
  public byte[] body() {
    return body;
  }

  /**
   * Tells whether the body is the cached copy of an unchanged resource (the source answered 304).
   *
   * @return true after a 304
   */
  public boolean fromCache() {
    return fromCache;
  }

  /**
   * Parses the whole body as a JSON tree.
   *
   * @return the root node
   * @throws SourceException with {@link ErrorCode#INVALID_DATA} if the body is not JSON
   */
  public JsonNode json() {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /**
   * Streams the body: each element of the top-level array field {@code arrayField} is handed to
   * {@code each} as its own small tree, and the other top-level fields are returned, so a large
   * page is never held as one tree.
   *
   * @param arrayField the name of the array to stream, e.g. {@code issues}
   * @param each receives each element in order
   * @return the other top-level fields
   * @throws SourceException with {@link ErrorCode#INVALID_DATA} if the body is not a JSON object
   */
  public JsonNode streamArray(String arrayField, Consumer<JsonNode> each) {
    return streamArray(arrayField, Set.of(), each);
  }

  /**
   * Streams the body as {@link #streamArray(String, Consumer)} does, leaving out of each element
   * every field, at any depth, whose name is in {@code skip}: a connector that never reads them
   * (links, people, display texts) spares their parse and their tree.
   *
   * @param arrayField the name of the array to stream, e.g. {@code issues}
   * @param skip the field names to leave out of the elements
   * @param each receives each element in order
   * @return the other top-level fields, complete
   * @throws SourceException with {@link ErrorCode#INVALID_DATA} if the body is not a JSON object
   */
  public JsonNode streamArray(String arrayField, Set<String> skip, Consumer<JsonNode> each) {
    try {
      return Json.streamArray(body, arrayField, skip, each);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /**
   * Returns a failure for a body the caller cannot interpret.
   *
   * @param detail what is wrong, without secrets
   * @return the exception to throw
   */
  public SourceException invalidData(String detail) {
    return new SourceException(ErrorCode.INVALID_DATA, source, scope, what + ": " + detail, null);
  }

  private SourceException invalid(IOException e) {
    return new SourceException(
        ErrorCode.INVALID_DATA,
        source,
        scope,
        what + " answered a body that is not valid JSON (" + e.getClass().getSimpleName() + ")",
        e);
  }

  @Override
  public String toString() {
    return "HttpResult[" + what + " -> " + status + (fromCache ? " (cached)" : "") + "]";
  }
}
