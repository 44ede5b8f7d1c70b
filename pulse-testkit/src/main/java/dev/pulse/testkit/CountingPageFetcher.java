package dev.pulse.testkit;

import dev.pulse.spi.Page;
import dev.pulse.spi.PageFetcher;
import dev.pulse.spi.PageRequest;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PageFetcher} decorator that counts fetches, pages that held items, and close calls. Thread-safe. */
final class CountingPageFetcher<T> implements PageFetcher<T> {
  private final PageFetcher<T> delegate;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger pagesWithItems = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();

  CountingPageFetcher(PageFetcher<T> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Page<T> fetch(PageRequest request) throws Exception {
    fetches.incrementAndGet();
    Page<T> page = delegate.fetch(request);
    if (page != null && !page.items().isEmpty()) {
      pagesWithItems.incrementAndGet();
    }
    return page;
  }

  @Override
  public void close() {
    if (closes.incrementAndGet() == 1) {
      delegate.close();
    }
  }

  /** Returns the number of fetch calls started. */
  int fetches() {
    return fetches.get();
  }

  /**
   * Returns the number of fetches that returned items, i.e. that became a batch. Started fetches can run one
   * ahead of this on an asynchronous executor; empty pages never count.
   */
  int pagesWithItems() {
    return pagesWithItems.get();
  }

  /** Returns how many times {@link #close()} was called. */
  int closes() {
    return closes.get();
  }
}
