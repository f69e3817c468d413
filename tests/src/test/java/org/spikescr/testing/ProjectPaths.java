package org.spikescr.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the integration tests find the project and the shared data folder beside it. */
public final class ProjectPaths {
  /**
   * The bundled student's checked-in design, relative to the root; also the name of the resource
   * lock that the test classes using that folder hold, so that they never run at the same time when
   * classes run concurrently.
   */
  public static final String BUNDLED_DESIGN = "hw-out/fsdd-student-qat-t20";

  /** The bundled default model, relative to the root: the design above is generated from it. */
  public static final String BUNDLED_MODEL = "models/fsdd-student-qat-t20.h5";

  private ProjectPaths() {}

  /** The bundled default model. */
  public static Path bundledModel() {
    return root().resolve(BUNDLED_MODEL);
  }

  /** The bundled student's checked-in design folder. */
  public static Path bundledDesign() {
    return root().resolve(BUNDLED_DESIGN);
  }

  /** The project root (the directory of the parent POM). */
  public static Path root() {
    return Path.of(System.getProperty("spikescr.root", "..")).toAbsolutePath().normalize();
  }

  /** The shared data folder: {@code SPIKESCR_SHARED}, else {@code shared} beside the project. */
  public static Path shared() {
    String env = System.getenv("SPIKESCR_SHARED");
    Path p = env != null ? Path.of(env) : root().resolveSibling("shared");
    assertTrue(Files.isDirectory(p), "shared data directory not found at " + p);
    return p;
  }

  /** The authors' conformance case. */
  public static Path officialCase() {
    return shared().resolve("conformance/official-shd-random");
  }
}
