package dev.pulse.cli;

import dev.pulse.PulseClock;
import dev.pulse.jdbc.JdbcDatabase;
import dev.pulse.jdbc.JdbcDeadLetterStore;
import dev.pulse.jdbc.JdbcProgressStore;
import dev.pulse.jdbc.JdbcRecordReader;
import dev.pulse.jdbc.JdbcWatermarkStore;

/**
 * The JDBC stores of one {@link StoreSettings}, opened together: watermarks, progress, dead letters
 * and the record reader over one {@link JdbcDatabase}.
 */
final class Stores {
  private final StoreSettings settings;
  private final JdbcDatabase database;
  private final JdbcWatermarkStore watermarks;
  private final JdbcProgressStore progress;
  private final JdbcDeadLetterStore deadLetters;
  private final JdbcRecordReader reader;

  Stores(StoreSettings settings, PulseClock clock) {
    this.settings = settings;
    this.database = settings.database();
    this.watermarks = new JdbcWatermarkStore(database);
    this.progress = new JdbcProgressStore(database, clock);
    this.deadLetters = new JdbcDeadLetterStore(database);
    this.reader = new JdbcRecordReader(database);
  }

  StoreSettings settings() {
    return settings;
  }

  JdbcDatabase database() {
    return database;
  }

  JdbcWatermarkStore watermarks() {
    return watermarks;
  }

  JdbcProgressStore progress() {
    return progress;
  }

  JdbcDeadLetterStore deadLetters() {
    return deadLetters;
  }

  JdbcRecordReader reader() {
    return reader;
  }
}
