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
import org.spikescr.cli.Main;
import org.spikescr.testing.ProjectPaths;

/**
 * The design of the bundled student checked in under {@code hw-out/fsdd-student-t40} is what the
 * generator makes today, byte for byte (regenerate with the command in {@code hw-out/README.md}).
 */
class BundledDesignTest {
  @TempDir Path dir;

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void checkedInDesignIsCurrent() throws IOException {
    Path root = ProjectPaths.root();
    Path fresh = dir.resolve("fsdd-student-t40");
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "generate",
            "--model",
            root.resolve("models/fsdd-student-t40.h5").toString(),
            "--out",
            fresh.toString());
    assertEquals(0, code, err.toString());
    Map<String, byte[]> want = tree(fresh);
    Map<String, byte[]> have = tree(root.resolve("hw-out/fsdd-student-t40"));
    assertEquals(want.keySet(), have.keySet(), "files of hw-out/fsdd-student-t40");
    List<String> differ = new ArrayList<>();
    for (String f : want.keySet()) {
      if (!Arrays.equals(want.get(f), have.get(f))) {
        differ.add(f);
      }
    }
    assertEquals(
        List.of(),
        differ,
        "regenerate: ./spikescr generate --model models/fsdd-student-t40.h5"
            + " --out hw-out/fsdd-student-t40");
    assertTrue(want.size() > 40, "files: " + want.size());
  }
}
