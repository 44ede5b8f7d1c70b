package dev.pulse.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * The SQL migrations shipped in the jar for one dialect, listed by name and handed to Flyway as its
 * {@link ResourceProvider}, so that Flyway never scans the class path.
 *
 * <p>Why: Flyway finds migrations by listing a class-path folder and then reads each file through
 * the class loader, and a class loader hides a named module's resources unless their package is
 * opened (a resource-only package cannot be opened from {@code module-info}). With pulse-jdbc on
 * the module path Flyway lists the files and then fails with "Unable to obtain inputstream for
 * resource". This class reads its own module's resources instead, which a module may always do.
 * Adding a migration means adding its file and its name here; a test compares this list with the
 * folder.
 */
final class Migrations implements ResourceProvider {
  private static final List<String> POSTGRESQL =
      List.of(
          "V1__pulse_schema.sql",
          "V2__dead_letters.sql",
          "V3__update_headroom.sql",
          "V4__pull_request_components.sql",
          "V5__issue_sprint_changes.sql");
  private static final List<String> SQLITE =
      List.of(
          "V1__pulse_schema.sql",
          "V2__dead_letters.sql",
          "V4__pull_request_components.sql",
          "V5__issue_sprint_changes.sql");

  private final String folder;
  private final List<String> files;

  Migrations(Dialect dialect) {
    this.folder = "migration/" + dialect.folder() + "/";
    this.files = files(dialect);
  }

  /** The dialect's migration file names, in version order. */
  static List<String> files(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? POSTGRESQL : SQLITE;
  }

  @Override
  public @Nullable LoadableResource getResource(String name) {
    for (String file : files) {
      if (file.equals(name) || (folder + file).endsWith(name)) {
        return new Migration(folder, file);
      }
    }
    return null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (String file : files) {
      if (file.startsWith(prefix) && endsWithAny(file, suffixes)) {
        found.add(new Migration(folder, file));
      }
    }
    return found;
  }

  private static boolean endsWithAny(String file, String[] suffixes) {
    for (String suffix : suffixes) {
      if (file.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** One migration file, read from this module on each {@link #read()}. */
  private static final class Migration extends LoadableResource {
    private final String path;
    private final String file;

    Migration(String folder, String file) {
      this.path = folder + file;
      this.file = file;
    }

    @Override
    public Reader read() {
      InputStream in = Migrations.class.getResourceAsStream(path);
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("migration dev/pulse/jdbc/" + path + " is missing from pulse-jdbc"));
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return "dev/pulse/jdbc/" + path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return getAbsolutePath();
    }

    @Override
    public String getFilename() {
      return file;
    }

    @Override
    public String getRelativePath() {
      // what Flyway's class-path scan reports, relative to the location: the history's script name
      return file;
    }
  }
}
