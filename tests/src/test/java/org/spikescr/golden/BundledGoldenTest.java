package org.spikescr.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.cli.Main;
import org.spikescr.testing.FsddEncode;
import org.spikescr.testing.ProjectPaths;

/**
 * The golden vectors of the bundled student model, for two real FSDD test recordings, regenerate
 * byte for byte: recordings encoded with the cochlear front-end in a 1 s window, the student
 * quantized with the default settings, vectors written by {@code spikescr golden}. The expected
 * files live in {@code src/test/resources/golden/fsdd-student-t40}; run with {@code
 * -Dgolden.update=true} to rewrite them after an intended change, and review the diff.
 */
class BundledGoldenTest {
  static final String[] RECORDINGS = {"3_theo_0.wav", "7_yweweler_1.wav"};

  @TempDir Path dir;

  static Path root() {
    return ProjectPaths.root();
  }

  static Path shared() {
    return ProjectPaths.shared();
  }

  static void run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, String.join(" ", args) + "\n" + err);
  }

  @Test
  void bundledStudentGoldenVectorsRegenerateByteIdentically() throws IOException {
    Path model = root().resolve("models/fsdd-student-t40.h5");
    assertTrue(Files.isRegularFile(model), "bundled model missing: " + model);
    List<String> encode = FsddEncode.args(dir.resolve("two.h5"));
    for (String r : RECORDINGS) {
      encode.add(shared().resolve("data/fsdd/recordings").resolve(r).toString());
    }
    run(encode.toArray(String[]::new));
    run("quantize", "--model", model.toString(), "--out", dir.resolve("student-q.h5").toString());
    Path fresh = dir.resolve("golden");
    run(
        "golden",
        "--model",
        dir.resolve("student-q.h5").toString(),
        "--data",
        dir.resolve("two.h5").toString(),
        "--samples",
        "2",
        "--out",
        fresh.toString());
    Path expected = root().resolve("tests/src/test/resources/golden/fsdd-student-t40");
    if (Boolean.getBoolean("golden.update")) {
      replace(fresh, expected);
    }
    List<Path> want = files(expected);
    List<Path> got = files(fresh);
    assertEquals(
        want.stream().map(p -> expected.relativize(p).toString()).toList(),
        got.stream().map(p -> fresh.relativize(p).toString()).toList(),
        "the set of files differs (unmatched files fail)");
    for (Path w : want) {
      Path g = fresh.resolve(expected.relativize(w).toString());
      assertTrue(
          java.util.Arrays.equals(Files.readAllBytes(w), Files.readAllBytes(g)),
          "differs: " + expected.relativize(w));
    }
  }

  private static List<Path> files(Path d) throws IOException {
    assertTrue(Files.isDirectory(d), "missing " + d + " (run with -Dgolden.update=true)");
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void replace(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> s = Files.walk(to)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(to);
    for (Path f : files(from)) {
      Path t = to.resolve(from.relativize(f).toString());
      Files.createDirectories(t.getParent());
      Files.copy(f, t);
    }
  }
}
