package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.io.Sha256;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.ProjectPaths;

/** {@code spikescr generate}: deterministic design directories, and bad options refused cleanly. */
class GenerateCliTest {
  private static final String MODEL =
      ProjectPaths.root().resolve("models/fsdd-student-t40.h5").toString();

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
  void writesAByteIdenticalDesignWithAManifestOfEveryFile() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, CliRunner.run("generate", "--model", MODEL, "--out", a.toString()).code());
    assertEquals(0, CliRunner.run("generate", "--model", MODEL, "--out", b.toString()).code());
    Map<String, byte[]> ta = tree(a);
    Map<String, byte[]> tb = tree(b);
    assertEquals(ta.keySet(), tb.keySet());
    for (String f : ta.keySet()) {
      assertTrue(java.util.Arrays.equals(ta.get(f), tb.get(f)), f + " differs between two runs");
    }
    Map<String, Object> m =
        JsonCodec.parseObject(Files.readString(a.resolve("manifest.json"), StandardCharsets.UTF_8));
    var files = (java.util.List<?>) m.get("files");
    assertEquals(ta.size() - 1, files.size());
    for (Object o : files) {
      Map<?, ?> e = (Map<?, ?>) o;
      byte[] content = ta.get((String) e.get("path"));
      assertEquals(Sha256.of(content), e.get("sha256"), e.get("path") + "");
    }
    String text = new String(ta.get("rtl/spikescr_head_readout.v"), StandardCharsets.UTF_8);
    assertFalse(text.contains(dir.toString()), "no absolute path in generated files");
    assertTrue(text.contains("Do not edit"));
  }

  @Test
  void replacesAPreviousDesignButNothingElse() throws IOException {
    Path d = dir.resolve("d");
    assertEquals(0, CliRunner.run("generate", "--model", MODEL, "--out", d.toString()).code());
    assertEquals(
        0,
        CliRunner.run("generate", "--model", MODEL, "--out", d.toString(), "--lanes", "64").code());
    assertTrue(Files.readString(d.resolve("manifest.json")).contains("\"lanes\": \"64\""));
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "mine");
    var r = CliRunner.run("generate", "--model", MODEL, "--out", other.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--out"), r.err());
    assertEquals(
        Map.of("notes.txt", "mine".getBytes(StandardCharsets.UTF_8)).keySet(),
        tree(other).keySet());
  }

  @Test
  void impossibleOptionsAreExitTwoWithNothingWritten() {
    Path out = dir.resolve("never");
    String[][] cases = {
      {"--lanes", "3"},
      {"--lanes", "0"},
      {"--lanes", "-4"},
      {"--t-max", "100000"},
      {"--t-max", "0"},
      {"--lanes", "x"},
      {"--engine-lanes", "96"},
      {"--engine-lanes", "16"},
      {"--engine-lanes", "256"},
      {"--engine-lanes", "64", "--arch", "sequential"},
      {"--embed-lanes", "48"},
      {"--embed-lanes", "256"},
      {"--embed-lanes", "64", "--arch", "sequential", "--engine-lanes", "32"},
      {"--pairs", "--arch", "sequential"},
    };
    for (String[] c : cases) {
      List<String> args =
          new ArrayList<>(List.of("generate", "--model", MODEL, "--out", out.toString()));
      args.addAll(List.of(c));
      var r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[0]), String.join(" ", c) + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertFalse(Files.exists(out), "nothing written for " + String.join(" ", c));
    }
  }

  /**
   * A design whose manifest holds engine widths its options refuse is a clear error naming the
   * manifest attribute, before the data is read.
   */
  @Test
  void aManifestWithImpossibleEngineLanesNamesTheAttribute() throws IOException {
    Path d = dir.resolve("d");
    assertEquals(0, CliRunner.run("generate", "--model", MODEL, "--out", d.toString()).code());
    Path manifest = d.resolve("manifest.json");
    String good = Files.readString(manifest, StandardCharsets.UTF_8);
    assertTrue(good.contains("\"engine_lanes\": \"128\""), good);
    assertTrue(good.contains("\"embed_lanes\": \"64\""), good);
    String[][] cases = {
      {"\"engine_lanes\": \"128\"", "\"engine_lanes\": \"96\"", "attributes.engine_lanes"},
      {"\"embed_lanes\": \"64\"", "\"embed_lanes\": \"256\"", "attributes.embed_lanes"},
    };
    for (String[] c : cases) {
      Files.writeString(manifest, good.replace(c[0], c[1]), StandardCharsets.UTF_8);
      var r =
          CliRunner.run(
              "verify",
              "--design",
              d.toString(),
              "--data",
              dir.resolve("unread.h5").toString(),
              "--samples",
              "1");
      assertEquals(2, r.code(), c[1] + ": " + r.err());
      assertTrue(r.err().contains(c[2]), c[1] + ": " + r.err());
      assertTrue(r.err().contains("manifest.json"), c[1] + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }
}
