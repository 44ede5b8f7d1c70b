package dev.pulse.connectors.internal;

import dev.pulse.internal.Secrets;
import dev.pulse.model.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named secret that authenticates HTTP requests: an API token sent as basic auth (Jira Cloud's
 * e-mail plus token, Jenkins' user plus token) or as a bearer token (GitHub), fixed or renewed by a
 * {@link TokenSource} (GitHub App installation tokens).
 *
 * <p>The name (e.g. {@code jira-prod-token}) is what messages, logs and {@link #toString()} show;
 * the secret is only ever turned into an {@code Authorization} header by {@link JsonHttp}.
 * Immutable and thread-safe. Two credentials are equal only when they are the same object, so a
 * secret is never compared or hashed by accident.
 */
public final class Credential {
  private final String name;
  private final String authorization;
  private final @Nullable TokenSource tokens;

  private Credential(String name, String authorization, @Nullable TokenSource tokens) {
    this.name = name;
    this.authorization = authorization;
    this.tokens = tokens;
  }

  /**
   * A source of short-lived bearer tokens, such as GitHub App installation tokens, asked before
   * every request. Implementations must be thread-safe, cache a token until shortly before it
   * expires, register every token they hand out with {@code dev.pulse.internal.Secrets}, and signal
   * a failure to obtain one with a {@code SourceException}.
   */
  @FunctionalInterface
  public interface TokenSource {
    /**
     * Returns the token to send now.
     *
     * @return a token, not blank
     */
    String token();
  }

  /**
   * Creates a basic-auth credential, as Jira Cloud and Jenkins API tokens use.
   *
   * @param name the credential's name for messages, not blank
   * @param user the user (Jira: the account e-mail), not blank
   * @param secret the API token, not blank
   * @return the credential
   */
  public static Credential basic(String name, String user, String secret) {
    Checks.requireText(name, "name");
    Checks.requireText(user, "user");
    Checks.requireText(secret, "secret");
    String pair = user + ":" + secret;
    // Registered for the life of the JVM: a credential's value is masked in every message that
    // leaves Pulse, even where no format reveals it (a bare Jenkins or old Atlassian token).
    Secrets.register(secret);
    Secrets.register(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    return new Credential(
        name,
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
        null);
  }

  /**
   * Creates a bearer-token credential, as GitHub tokens use.
   *
   * @param name the credential's name for messages, not blank
   * @param token the token, not blank
   * @return the credential
   */
  public static Credential bearer(String name, String token) {
    Checks.requireText(name, "name");
    Checks.requireText(token, "token");
    Secrets.register(token);
    return new Credential(name, "Bearer " + token, null);
  }

  /**
   * Creates a bearer credential whose token is renewed, as GitHub App installation tokens are.
   *
   * @param name the credential's name for messages, not blank
   * @param tokens asked for the current token before every request
   * @return the credential
   */
  public static Credential bearer(String name, TokenSource tokens) {
    Checks.requireText(name, "name");
    return new Credential(name, "", Objects.requireNonNull(tokens, "tokens"));
  }

  /**
   * Returns the credential's name, safe to show anywhere.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** The header value; package-private so only {@link JsonHttp} puts it on the wire. */
  String authorizationHeader() {
    TokenSource source = tokens;
    return source == null ? authorization : "Bearer " + source.token();
  }

  /** Returns {@code Credential[name]}, never the secret. */
  @Override
  public String toString() {
    return "Credential[" + Objects.requireNonNull(name) + "]";
  }
}
