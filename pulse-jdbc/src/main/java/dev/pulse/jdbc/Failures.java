package dev.pulse.jdbc;

import dev.pulse.StoreException;
import java.sql.SQLException;

/**
 * Turns driver failures into Pulse exceptions whose text names the table and the operation and
 * never carries a bind value: the driver's own message (which may quote a row, e.g. a constraint
 * violation's key) is replaced by its SQLState and vendor code, and its stack trace is kept.
 */
final class Failures {
  private Failures() {}

  static StoreException store(String table, String operation, Exception e) {
    return new StoreException(operation + " on " + table + " failed" + detail(e), scrub(e));
  }

  static String detail(Exception e) {
    if (e instanceof SQLException sql) {
      return " (SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ")";
    }
    return " (" + e.getClass().getSimpleName() + ")";
  }

  static Exception scrub(Exception e) {
    if (!(e instanceof SQLException sql)) {
      return e;
    }
    SQLException scrubbed =
        new SQLException(
            sql.getClass().getName() + ": driver message withheld because it may quote bind values",
            sql.getSQLState(),
            sql.getErrorCode());
    scrubbed.setStackTrace(sql.getStackTrace());
    return scrubbed;
  }
}
