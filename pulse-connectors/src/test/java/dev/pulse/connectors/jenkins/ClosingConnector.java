package dev.pulse.connectors.jenkins;

import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;

/** Forwards to a connector and also stops its fake server when closed. */
final class ClosingConnector<T> extends ForwardingConnector<T> {
  private final Connector<T> delegate;
  private final AutoCloseable server;

  ClosingConnector(Connector<T> delegate, AutoCloseable server) {
    this.delegate = delegate;
    this.server = server;
  }

  @Override
  protected Connector<T> delegate() {
    return delegate;
  }

  @Override
  public void close() {
    super.close();
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
