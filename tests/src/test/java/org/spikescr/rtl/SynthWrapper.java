package org.spikescr.rtl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.testing.ProjectPaths;

/**
 * Test-only top modules that give a library unit a memory image for synthesis: a unit that reads a
 * table with {@code $readmemh} needs the file's path as a string parameter, which a build's integer
 * parameters cannot carry, so a small wrapper written into {@code tests/target/rtl/wrap} fixes it.
 */
final class SynthWrapper {
  private SynthWrapper() {}

  /** The folder of the wrappers and their images. */
  static Path dir() {
    Path d = ProjectPaths.root().resolve("tests/target/rtl/wrap");
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + d, e);
    }
    return d;
  }

  /** Writes a file into {@link #dir()} and returns its path. */
  static Path write(String name, String text) {
    Path p = dir().resolve(name);
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + p, e);
    }
    return p;
  }

  /**
   * The build of wrapper module {@code top} (text {@code verilog}) over the given library files.
   */
  static RtlBuild build(String top, String verilog, String... libraryFiles) {
    List<Path> sources = new ArrayList<>();
    sources.add(write(top + ".v", verilog));
    for (String f : libraryFiles) {
      sources.add(UnitBench.library(f));
    }
    return new RtlBuild(sources, top, Map.of(), List.of());
  }
}
