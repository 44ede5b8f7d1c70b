package dev.pulse.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed-size connection pool for tests, standing in for the service's pool that Pulse is given in
 * production: PostgreSQL connections cost milliseconds to open, and the contract suites borrow
 * thousands. {@code close()} on a borrowed connection returns it.
 */
final class TestPool implements DataSource {
  private final BlockingQueue<Connection> idle;

  TestPool(DataSource target, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      idle.add(target.getConnection());
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection physical;
    try {
      physical = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a pooled connection", e);
    }
    if (!physical.getAutoCommit()) {
      physical.rollback();
      physical.setAutoCommit(true);
    }
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                if (!closed[0]) {
                  closed[0] = true;
                  idle.add(physical);
                }
                return null;
              }
              if (method.getName().equals("isClosed")) {
                return closed[0];
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return new PrintWriter(System.err);
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
