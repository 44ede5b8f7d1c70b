package dev.pulse.pipeline;

import dev.pulse.Health;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.ReadOrder;
import java.time.Duration;

/**
 * The connector as one scope's engine run sees it: the health the pipeline already checked for this
 * run, so the source is asked once per run and not once per scope.
 */
final class CheckedConnector<T> extends ForwardingConnector<T> {
  private final Connector<T> delegate;
  private final Health health;

  CheckedConnector(Connector<T> delegate, Health health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  protected Connector<T> delegate() {
    return delegate;
  }

  @Override
  public Health checkHealth() {
    return health;
  }

  // ForwardingConnector does not forward these two (they were added to Connector after it), and the
  // engine must see the connector's own read order and hold-back.
  @Override
  public ReadOrder readOrder() {
    return delegate.readOrder();
  }

  @Override
  public Duration holdBack() {
    return delegate.holdBack();
  }
}
