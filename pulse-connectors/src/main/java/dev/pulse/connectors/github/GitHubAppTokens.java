package dev.pulse.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.SourceException;
import dev.pulse.connectors.internal.Credential;
import dev.pulse.connectors.internal.HttpResult;
import dev.pulse.connectors.internal.Json;
import dev.pulse.connectors.internal.JsonHttp;
import dev.pulse.internal.Secrets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The installation tokens of a GitHub App: a JWT signed RS256 with the app's private key (the JDK's
 * own {@code java.security}, no library) is exchanged at {@code POST
 * /app/installations/{id}/access_tokens} for an installation token, which is cached and renewed
 * five minutes before it expires, measured on the injected clock.
 *
 * <p>Every token and JWT is registered with {@link Secrets}, so it is masked in any message; the
 * private key never leaves this class. Thread-safe: one renewal at a time, the others wait for it.
 */
final class GitHubAppTokens implements Credential.TokenSource {
  /** A token is renewed this long before GitHub's stated expiry. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  // GitHub allows at most 10 minutes; iat is backdated a minute for clock drift, as it advises.
  private static final Duration JWT_LIFETIME = Duration.ofMinutes(9);
  private static final Duration JWT_BACKDATE = Duration.ofSeconds(60);

  private final String appId;
  private final PrivateKey key;
  private final long installationId;
  private final PulseClock clock;
  private final String path;
  private final JsonHttp appHttp;
  private @Nullable String token;
  private @Nullable Instant expiresAt;
  private Secrets.@Nullable Registration previous;
  private Secrets.@Nullable Registration current;
  private long issued;

  /**
   * Creates the token source.
   *
   * @param name the connector's credential name; the JWT credential is named after it
   * @param appId the app's id (or client id), the JWT's issuer
   * @param privateKeyPem the app's private key, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as GitHub
   *     hands it out) or PKCS#8 ({@code BEGIN PRIVATE KEY})
   * @param installationId the installation whose token to request
   * @param clock the clock JWT times and expiry are measured on
   * @param restPrefix the REST API's path prefix ({@code ""} or {@code /api/v3})
   * @param http builds the client that calls the app endpoint, given the JWT credential
   */
  GitHubAppTokens(
      String name,
      String appId,
      String privateKeyPem,
      long installationId,
      PulseClock clock,
      String restPrefix,
      Function<Credential, JsonHttp> http) {
    this.appId = appId;
    this.key = parseKey(privateKeyPem);
    this.installationId = installationId;
    this.clock = clock;
    this.path = restPrefix + "/app/installations/" + installationId + "/access_tokens";
    // Failures name the configured credential, marked as its app JWT, never a key or token.
    this.appHttp = http.apply(Credential.bearer(name + " (app JWT)", this::jwt));
  }

  @Override
  public synchronized String token() {
    Instant now = clock.instant();
    String t = token;
    Instant expiry = expiresAt;
    if (t != null && expiry != null && now.isBefore(expiry.minus(RENEW_BEFORE))) {
      return t;
    }
    HttpResult result = appHttp.post(path, "{}", null);
    JsonNode root = result.json();
    String fresh = Json.text(root, "token");
    Instant expires = GitHubText.parseTime(Json.text(root, "expires_at"));
    if (fresh == null || fresh.isBlank() || expires == null) {
      throw new SourceException(
          ErrorCode.AUTH_FAILED,
          GitHubConnector.SOURCE,
          null,
          "POST " + path + " answered no installation token for installation " + installationId,
          null);
    }
    Secrets.Registration older = previous;
    previous = current;
    current = Secrets.register(fresh);
    if (older != null) {
      // Two generations back: no request in flight can still carry it.
      older.close();
    }
    token = fresh;
    expiresAt = expires;
    issued++;
    return fresh;
  }

  /** Returns how many installation tokens were obtained. */
  synchronized long issuedCount() {
    return issued;
  }

  /**
   * Returns a fresh JWT for the app; registered as a secret, since it authenticates for minutes.
   */
  String jwt() {
    Instant now = clock.instant();
    long iat = now.minus(JWT_BACKDATE).getEpochSecond();
    long exp = now.plus(JWT_LIFETIME).getEpochSecond();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            Json.MAPPER
                .createObjectNode()
                .put("iat", iat)
                .put("exp", exp)
                .put("iss", appId)
                .toString()
                .getBytes(StandardCharsets.UTF_8));
    String signingInput = header + "." + payload;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String jwt = signingInput + "." + b64.encodeToString(rsa.sign());
      Secrets.register(jwt);
      return jwt;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign the GitHub App JWT: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Reads a PEM RSA private key, PKCS#1 or PKCS#8. */
  static PrivateKey parseKey(String pem) {
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String base64 =
        pem.replaceAll("-----(BEGIN|END) [A-Z ]*PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("privateKey must be a PEM RSA private key (bad base64)");
    }
    if (der.length == 0) {
      throw new IllegalArgumentException("privateKey must be a PEM RSA private key but was empty");
    }
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs1ToPkcs8(der) : der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "privateKey must be a PEM RSA private key (PKCS#1 or PKCS#8); it could not be read");
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK reads. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }, OCTET STRING pkcs1 }
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = tlv(0x04, pkcs1);
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(version);
    inner.writeBytes(algorithm);
    inner.writeBytes(octets);
    return tlv(0x30, inner.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xff);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write((n >> 8) & 0xff);
      out.write(n & 0xff);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "GitHubAppTokens[app " + appId + ", installation " + installationId + "]";
  }
}
