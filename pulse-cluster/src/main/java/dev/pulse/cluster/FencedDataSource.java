package dev.pulse.cluster;

import dev.pulse.PulseClock;
import dev.pulse.ScopeId;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The data source one execution of a scope writes through: every transaction committed on its
 * connections first writes the execution's generation to the fence row of its scope, in that same
 * transaction, and is refused (rolled back by its owner) once a newer execution claimed the scope.
 *
 * <p>It wraps the service's pool rather than the sink so that whatever the sink does in its
 * transaction (upserts, transitions, the watermark advance) is covered without pulse-jdbc knowing
 * about clusters. Writes in auto-commit mode are not fenced; Pulse's sinks and watermark store
 * write in explicit transactions. One instance per execution; thread-safe.
 */
final class FencedDataSource implements DataSource {
  private final DataSource target;
  private final ScopeId scope;
  private final long generation;
  private final PulseClock clock;
  private final AtomicBoolean rejected = new AtomicBoolean();

  FencedDataSource(DataSource target, ScopeId scope, long generation, PulseClock clock) {
    this.target = target;
    this.scope = scope;
    this.generation = generation;
    this.clock = clock;
  }

  /** Tells whether a transaction was refused because a newer execution claimed the scope. */
  boolean rejected() {
    return rejected.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection physical) throws SQLException {
    FencedConnection handler = new FencedConnection(physical, physical.getAutoCommit());
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  /** Checks the fence before each commit, explicit or implied by leaving a transaction. */
  private final class FencedConnection implements java.lang.reflect.InvocationHandler {
    private final Connection physical;
    private boolean autoCommit;
    // Whether the open transaction may hold writes: set by any statement, cleared at its end.
    private boolean touched;

    FencedConnection(Connection physical, boolean autoCommit) {
      this.physical = physical;
      this.autoCommit = autoCommit;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
        throws Throwable {
      switch (method.getName()) {
        case "commit" -> {
          if (!autoCommit) {
            check();
          }
          touched = false;
          physical.commit();
          return null;
        }
        case "rollback" -> {
          if (args == null || args.length == 0) {
            touched = false;
          }
        }
        case "setAutoCommit" -> {
          boolean enable = Boolean.TRUE.equals(args == null ? null : args[0]);
          if (enable && !autoCommit && touched) {
            // JDBC commits the open transaction here: it is fenced like an explicit commit.
            check();
          }
          physical.setAutoCommit(enable);
          autoCommit = enable;
          touched = false;
          return null;
        }
        case "createStatement", "prepareStatement", "prepareCall" ->
            touched = touched || !autoCommit;
        default -> {
          // every other call goes straight to the physical connection
        }
      }
      try {
        return method.invoke(physical, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void check() throws SQLException {
      if (!Fences.write(physical, scope, generation, clock.instant())) {
        rejected.set(true);
        throw new SQLException(
            "write refused: execution generation "
                + generation
                + " of "
                + scope
                + " was superseded by a newer execution",
            Fences.SUPERSEDED_STATE);
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "FencedDataSource[" + scope + " generation " + generation + "]";
  }
}
