package org.spikescr.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.spikescr.cli.Main;
import org.spikescr.testing.ProjectPaths;

/**
 * The design of the bundled default model checked in under {@link ProjectPaths#BUNDLED_DESIGN} is
 * what the generator makes today, byte for byte. Run with {@code -Dgolden.update=true} to rewrite
 * it after an intended change, and review the diff: the packaged command line ({@code ./spikescr
 * generate}) writes another jHDF version stamp into {@code model.h5} than the class path the tests
 * run on.
 */
@ResourceLock(ProjectPaths.BUNDLED_DESIGN)
class BundledDesignTest {
  @TempDir Path dir;

  /**
   * The files of a design directory by relative path, without {@code build/} (the simulators' cache
   * {@code spikescr verify} keeps there, not part of the design).
   */
  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path rel = root.relativize(p);
        if (!rel.startsWith("build")) {
          out.put(rel.toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  /**
   * Replaces the design files under {@code dir} (its {@code build/} cache kept) with {@code files}.
   */
  private static void replace(Path dir, Map<String, byte[]> files) throws IOException {
    for (String f : tree(dir).keySet()) {
      Files.delete(dir.resolve(f));
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
  }

  @Test
  void checkedInDesignIsCurrent() throws IOException {
    Path fresh = dir.resolve("design");
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "generate",
            "--model",
            ProjectPaths.bundledModel().toString(),
            "--out",
            fresh.toString());
    assertEquals(0, code, err.toString());
    Map<String, byte[]> want = tree(fresh);
    Path checkedIn = ProjectPaths.bundledDesign();
    if (Boolean.getBoolean("golden.update")) {
      replace(checkedIn, want);
    }
    Map<String, byte[]> have = tree(checkedIn);
    assertEquals(want.keySet(), have.keySet(), "files of " + ProjectPaths.BUNDLED_DESIGN);
    List<String> differ = new ArrayList<>();
    for (String f : want.keySet()) {
      if (!Arrays.equals(want.get(f), have.get(f))) {
        differ.add(f);
      }
    }
    assertEquals(
        List.of(),
        differ,
        "regenerate: mvn -pl tests -am verify -Dtest=BundledDesignTest -Dgolden.update=true"
            + " -Dsurefire.failIfNoSpecifiedTests=false");
    assertTrue(want.size() > 40, "files: " + want.size());
  }

  @Test
  void theSimulatorCacheIsNotPartOfTheDesign() throws IOException {
    Path d = Files.createDirectories(dir.resolve("d/rtl"));
    Files.writeString(d.resolve("top.v"), "module top; endmodule\n");
    Path cache = Files.createDirectories(dir.resolve("d/build/verilator/obj"));
    Files.writeString(cache.resolve("sim"), "binary");
    Files.writeString(dir.resolve("d/buildings.txt"), "a design file");
    assertEquals(
        List.of("buildings.txt", "rtl/top.v"), List.copyOf(tree(dir.resolve("d")).keySet()));
  }
}
