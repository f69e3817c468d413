package org.spikescr.gen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The generator's identity as it appears in generated files: its version, from the build. */
public final class GeneratorInfo {
  private GeneratorInfo() {}

  /** {@code spikescr-hw <version>}. */
  public static String name() {
    return "spikescr-hw " + version();
  }

  /** The project version the generator was built as. */
  public static String version() {
    try (InputStream in = GeneratorInfo.class.getResourceAsStream("generator.properties")) {
      if (in == null) {
        throw new IllegalStateException("generator.properties is missing from the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read generator.properties", e);
    }
  }
}
