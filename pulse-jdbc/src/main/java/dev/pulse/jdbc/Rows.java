package dev.pulse.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Binding and reading the column encodings of the entity tables. */
final class Rows {
  private Rows() {}

  /** Instants are stored as microseconds since the epoch; finer digits are dropped. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, micros(instant));
    }
  }

  static void setText(PreparedStatement statement, int index, @Nullable String text)
      throws SQLException {
    if (text == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, text);
    }
  }

  static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
    long micros = rows.getLong(column);
    return rows.wasNull() ? null : instant(micros);
  }

  static Instant requireInstant(ResultSet rows, String column) throws SQLException {
    Instant value = instant(rows, column);
    if (value == null) {
      throw new SQLException(column + " is null", "22004");
    }
    return value;
  }

  static String requireText(ResultSet rows, String column) throws SQLException {
    String value = rows.getString(column);
    if (value == null) {
      throw new SQLException(column + " is null", "22004");
    }
    return value;
  }

  static @Nullable Long nullableLong(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
