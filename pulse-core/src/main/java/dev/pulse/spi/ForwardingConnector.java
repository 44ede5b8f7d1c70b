package dev.pulse.spi;

import dev.pulse.EntityType;
import dev.pulse.Health;
import dev.pulse.ItemCount;
import dev.pulse.Position;
import dev.pulse.ScopeKey;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connector that forwards every call to another one; subclass it and override just the behaviour
 * a test changes, such as an unhealthy {@link #checkHealth()} or a faulty {@link
 * #openScope(ScopeKey)}.
 *
 * <p>Thread safety is the delegate's.
 *
 * @param <T> the item type
 */
public abstract class ForwardingConnector<T> implements Connector<T> {
  /** Creates the connector; {@link #delegate()} supplies the target. */
  protected ForwardingConnector() {}

  /**
   * Returns the connector every call is forwarded to.
   *
   * @return the delegate
   */
  protected abstract Connector<T> delegate();

  @Override
  public String source() {
    return delegate().source();
  }

  @Override
  public EntityType entityType() {
    return delegate().entityType();
  }

  @Override
  public List<ScopeKey> discoverScopes() {
    return delegate().discoverScopes();
  }

  @Override
  public ItemCount preCount(ScopeKey scope, @Nullable Position after, Duration budget) {
    return delegate().preCount(scope, after, budget);
  }

  @Override
  public Health checkHealth() {
    return delegate().checkHealth();
  }

  @Override
  public ReadOrder readOrder() {
    return delegate().readOrder();
  }

  @Override
  public Duration holdBack() {
    return delegate().holdBack();
  }

  @Override
  public PageFetcher<T> openScope(ScopeKey scope) {
    return delegate().openScope(scope);
  }

  @Override
  public void close() {
    delegate().close();
  }
}
