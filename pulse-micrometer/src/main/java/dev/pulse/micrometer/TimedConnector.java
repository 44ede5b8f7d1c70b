package dev.pulse.micrometer;

import dev.pulse.ErrorCode;
import dev.pulse.PulseClock;
import dev.pulse.ScopeKey;
import dev.pulse.SourceException;
import dev.pulse.spi.Connector;
import dev.pulse.spi.ForwardingConnector;
import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** A connector whose fetchers time each page and count rate-limit refusals. */
final class TimedConnector<T> extends ForwardingConnector<T> {
  private final Connector<T> delegate;
  private final PulseClock clock;
  private final Timer succeeded;
  private final Timer failed;
  private final Counter rateLimited;

  TimedConnector(
      Connector<T> delegate, PulseClock clock, Timer succeeded, Timer failed, Counter rateLimited) {
    this.delegate = delegate;
    this.clock = clock;
    this.succeeded = succeeded;
    this.failed = failed;
    this.rateLimited = rateLimited;
  }

  @Override
  protected Connector<T> delegate() {
    return delegate;
  }

  @Override
  public PageFetcher<T> openScope(ScopeKey scope) {
    PageFetcher<T> fetcher = delegate.openScope(scope);
    return new PageFetcher<>() {
      @Override
      public Page<T> fetch(PageRequest request) throws Exception {
        long start = clock.monotonicNanos();
        boolean ok = false;
        try {
          Page<T> page = fetcher.fetch(request);
          ok = true;
          return page;
        } catch (SourceException e) {
          if (e.code() == ErrorCode.RATE_LIMITED) {
            rateLimited.increment();
          }
          throw e;
        } finally {
          (ok ? succeeded : failed).record(clock.monotonicNanos() - start, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public void close() {
        fetcher.close();
      }
    };
  }

  @Override
  public String toString() {
    return "TimedConnector[" + delegate + "]";
  }
}
