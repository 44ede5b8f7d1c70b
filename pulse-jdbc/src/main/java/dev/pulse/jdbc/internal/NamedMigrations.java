package dev.pulse.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * SQL migrations shipped in a module's jar, listed by name and handed to Flyway as its {@link
 * ResourceProvider}, so that Flyway never scans the class path. Shared by pulse-jdbc and
 * pulse-cluster; not an API.
 *
 * <p>Why: Flyway finds migrations by listing a class-path folder and then reads each file through
 * the class loader, and a class loader hides a named module's resources unless their package is
 * opened (a resource-only package cannot be opened from {@code module-info}). With the jar on the
 * module path Flyway lists the files and then fails with "Unable to obtain inputstream for
 * resource". A module may always read its own resources, but resource loading is caller-sensitive:
 * the owning module must do the reading, so it passes an {@link Opener} made in its own code (e.g.
 * {@code OwnClass.class::getResourceAsStream}), which this class calls with each file's path
 * relative to that class.
 *
 * <p>Adding a migration means adding its file and its name to the owner's list; each owner's tests
 * compare its list with its folder.
 */
public final class NamedMigrations implements ResourceProvider {
  private final String base;
  private final String folder;
  private final List<String> files;
  private final Opener opener;

  /**
   * Opens one of the owning module's resources; called with a path relative to the owner's package,
   * e.g. {@code migration/postgresql/V1__schema.sql}.
   */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens the resource.
     *
     * @param path the path relative to the owner's package
     * @return the stream, or null if there is no such resource
     */
    @Nullable InputStream open(String path);
  }

  /**
   * Creates the provider.
   *
   * @param base the owner's package as a path with a trailing slash, e.g. {@code dev/pulse/jdbc/}:
   *     only for messages and the paths Flyway reports
   * @param folder the migrations' folder relative to the owner's package, with a trailing slash,
   *     e.g. {@code migration/postgresql/}
   * @param files the file names in version order
   * @param opener opens {@code folder + file} from the owning module
   */
  public NamedMigrations(String base, String folder, List<String> files, Opener opener) {
    this.base = Objects.requireNonNull(base, "base");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.files = List.copyOf(files);
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public @Nullable LoadableResource getResource(String name) {
    for (String file : files) {
      if (file.equals(name) || (folder + file).endsWith(name)) {
        return new Migration(file);
      }
    }
    return null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (String file : files) {
      if (file.startsWith(prefix) && endsWithAny(file, suffixes)) {
        found.add(new Migration(file));
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

  /** One migration file, opened through the owner's {@link Opener} on each {@link #read()}. */
  private final class Migration extends LoadableResource {
    private final String file;

    Migration(String file) {
      this.file = file;
    }

    @Override
    public Reader read() {
      InputStream in = opener.open(folder + file);
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("migration " + getAbsolutePath() + " is missing from its jar"));
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return base + folder + file;
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
