package dev.pulse.jdbc;

import dev.pulse.model.StatusTransition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The digest of an issue's status transitions that {@link JdbcSink} keeps in the issue row ({@code
 * transitions_digest}, migration V7): the leading 64 bits, as a big-endian signed {@code long}, of
 * SHA-256 over the transitions' canonical encoding, which is exactly the stored columns in stored
 * form, so two lists digest alike whenever they would be stored alike, on any JVM:
 *
 * <pre>
 * encoding   = 0x01 (format) · count (int32) · transition*   (in seq order)
 * transition = text(status name) · text(raw status) · entered_us (int64)
 *              · (0x00 | 0x01 · exited_us (int64))            (no exit time | exit time)
 * text       = length in UTF-8 bytes (int32) · UTF-8 bytes
 * </pre>
 *
 * <p>Integers are big-endian; times are microseconds since the epoch, as the transitions table
 * stores them ({@link Rows#micros}). It is a change detector, not a security measure: lists that
 * differ collide with a chance of about 2^-64, and a source able to craft colliding lists could
 * make the sink keep its own issue's previous transitions. Not thread-safe: one instance per write.
 */
final class TransitionsDigest {
  private static final byte FORMAT = 1;

  private final MessageDigest sha256;
  private byte[] buffer = new byte[256];
  private int length;

  TransitionsDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must provide SHA-256 (MessageDigest's contract)
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The digest of {@code transitions}, in their order. */
  long of(List<StatusTransition> transitions) {
    length = 0;
    ensure(5);
    buffer[length++] = FORMAT;
    putInt(transitions.size());
    for (StatusTransition transition : transitions) {
      putText(transition.status().name());
      putText(transition.rawStatus());
      ensure(17);
      putLong(Rows.micros(transition.enteredAt()));
      Instant exitedAt = transition.exitedAt();
      if (exitedAt == null) {
        buffer[length++] = 0;
      } else {
        buffer[length++] = 1;
        putLong(Rows.micros(exitedAt));
      }
    }
    sha256.update(buffer, 0, length);
    byte[] hash = sha256.digest();
    long digest = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      digest = (digest << 8) | (hash[i] & 0xff);
    }
    return digest;
  }

  private void putText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ensure(4 + bytes.length);
    putInt(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void putInt(int value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
  }

  private void putLong(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
