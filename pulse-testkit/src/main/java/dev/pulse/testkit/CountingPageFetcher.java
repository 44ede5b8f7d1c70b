package dev.pulse.testkit;

import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PageFetcher} decorator that counts fetch calls (empty pages and failures included) and
 * close calls. Thread-safe.
 */
final class CountingPageFetcher<T> implements PageFetcher<T> {
  private final PageFetcher<T> delegate;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();

  CountingPageFetcher(PageFetcher<T> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Page<T> fetch(PageRequest request) throws Exception {
    fetches.incrementAndGet();
    return delegate.fetch(request);
  }

  @Override
  public void close() {
    if (closes.incrementAndGet() == 1) {
      delegate.close();
    }
  }

  /** Returns the number of fetch calls started, whatever they returned or threw. */
  int fetches() {
    return fetches.get();
  }

  /** Returns how many times {@link #close()} was called. */
  int closes() {
    return closes.get();
  }
}
