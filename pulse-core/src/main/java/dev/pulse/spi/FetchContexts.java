package dev.pulse.spi;

import dev.pulse.ErrorCode;
import dev.pulse.internal.Redaction;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The thread binding behind {@link FetchContext#current()}. */
final class FetchContexts {
  private static final Logger LOG = LoggerFactory.getLogger(FetchContext.class);
  private static final ThreadLocal<@Nullable FetchContext> CURRENT = new ThreadLocal<>();

  static final FetchContext NONE =
      new FetchContext() {
        @Override
        public void unmappable(String naturalKey, ErrorCode code, String message) {
          // Outside a fetch there is no scope and no store: the record must at least be visible.
          LOG.warn(
              "a record that could not be mapped was reported outside a fetch and is not kept:"
                  + " {} [{}]: {}",
              Redaction.sanitize(naturalKey, 200),
              code,
              Redaction.sanitize(message, 500));
        }

        @Override
        public String toString() {
          return "FetchContext.NONE";
        }
      };

  private FetchContexts() {}

  static FetchContext current() {
    FetchContext bound = CURRENT.get();
    return bound != null ? bound : NONE;
  }

  static <V> V call(FetchContext context, Callable<V> body) throws Exception {
    FetchContext previous = CURRENT.get();
    CURRENT.set(context);
    try {
      return body.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
