package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.quant.Quantizer;
import org.spikescr.testing.ProjectPaths;

/**
 * The keys of every command's {@code --json} result are a contract with users' scripts: each
 * command runs in-process on small inputs and the set and nesting of keys of its output must equal
 * {@code src/test/resources/cli-json/<case>.json}. A golden file without a case, or a case without
 * a golden file, fails. Run with {@code -Dgolden.update=true} to rewrite the files after an
 * intended change, and review the diff.
 *
 * <p>A golden file holds the key skeleton of the output: objects keep their keys (sorted), values
 * become their JSON type ({@code "number"}, {@code "string"}, {@code "boolean"}), and an array
 * becomes a one-element array with the merged skeleton of its elements.
 */
class JsonKeysGoldenTest {
  static final String[] RECORDINGS = {"3_theo_0.wav", "3_theo_7.wav", "3_theo_12.wav"};

  @TempDir static Path dir;

  /**
   * Case name to the command's standard output, filled in order (later cases use earlier files).
   */
  static final Map<String, String> OUTPUTS = new LinkedHashMap<>();

  static Path golden() {
    return ProjectPaths.root().resolve("tests/src/test/resources/cli-json");
  }

  static void run(String name, String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertTrue(r.code() == 0 || r.code() == 1, name + ": exit " + r.code() + "\n" + r.err());
    OUTPUTS.put(name, r.out());
  }

  @BeforeAll
  static void runEveryCommand() throws IOException {
    ConformanceCase c = ConformanceCase.load(CliRunner.officialCase());
    String model = dir.resolve("official.h5").toString();
    ModelFile.write(c.model(), Path.of(model));
    String data = dir.resolve("official-data.h5").toString();
    DatasetFile.write(SimulateCliTest.eventsDataset(c, c.labels()), Path.of(data));
    String q = dir.resolve("official-q.h5").toString();
    run("info", "info", model, "--json");
    run(
        "quantize",
        "quantize",
        "--model",
        model,
        "--out",
        q,
        "--calib",
        data,
        "--limit",
        "2",
        "--quiet",
        "--json");
    run("info-quantized", "info", q, "--json");
    run(
        "simulate",
        "simulate",
        "--model",
        model,
        "--data",
        data,
        "--limit",
        "2",
        "--quiet",
        "--json");
    run(
        "simulate-fixed",
        "simulate",
        "--model",
        q,
        "--data",
        data,
        "--mode",
        "fixed",
        "--limit",
        "2",
        "--quiet",
        "--json");
    run(
        "conformance",
        "conformance",
        "--dir",
        CliRunner.officialCase().toString(),
        "--quiet",
        "--json");
    run(
        "fidelity",
        "fidelity",
        "--model",
        model,
        "--data",
        data,
        "--weight-bits",
        "8",
        "--limit",
        "2",
        "--quiet",
        "--json");
    run(
        "golden",
        "golden",
        "--model",
        q,
        "--data",
        data,
        "--samples",
        "1",
        "--out",
        dir.resolve("golden").toString(),
        "--json");
    run(
        "generate",
        "generate",
        "--model",
        q,
        "--out",
        dir.resolve("design").toString(),
        "--lanes",
        "64",
        "--json");
    Path synthJson = dir.resolve("design-synth.json");
    Files.writeString(
        synthJson,
        """
        {"design": "spikescr", "part": "xc7z020", "lut": 1, "ff": 2, "bram36": 3.5, "dsp": 4,
         "logic_depth": 5, "fits": true}
        """,
        StandardCharsets.UTF_8);
    run(
        "report",
        "report",
        "--design",
        dir.resolve("design").toString(),
        "--data",
        data,
        "--synth",
        synthJson.toString(),
        "--teacher",
        model,
        "--out",
        dir.resolve("report.html").toString(),
        "--limit",
        "2",
        "--quiet",
        "--json");
    // the sweep's only point is the design above, whose synthesis it takes from --reuse
    Files.copy(synthJson, dir.resolve("design/synth.json"));
    run(
        "sweep",
        "sweep",
        "--model",
        q,
        "--data",
        data,
        "--lanes",
        "64",
        "--reuse",
        dir.resolve("design").toString(),
        "--out",
        dir.resolve("sweep").toString(),
        "--limit",
        "2",
        "--quiet",
        "--json");
    Path parity =
        SynthCliTest.design(
            dir,
            "parity",
            Map.of("top", "parity_top"),
            Map.of("parity_top.v", SynthCliTest.PARITY),
            null);
    run("synth", "synth", "--design", parity.toString(), "--json");
    Path tiny = corruptedDesign();
    run(
        "verify",
        "verify",
        "--design",
        tiny.toString(),
        "--data",
        dir.resolve("tiny-data.h5").toString(),
        "--sim",
        "icarus",
        "--samples",
        "1",
        "--json");
    Path fsdd = miniFsdd();
    String wavs = fsdd.resolve("data/fsdd/recordings").toString();
    String two = dir.resolve("two.h5").toString();
    run(
        "encode",
        "encode",
        "--frontend",
        "cochlea",
        "--window-s",
        "1",
        "--label-from-name",
        "^(?<label>\\d)_(?<speaker>[a-z]+)_",
        "--out",
        two,
        "--json",
        wavs);
    run(
        "fsdd",
        "fsdd",
        "--shared",
        fsdd.toString(),
        "--out",
        dir.resolve("fsdd-out").toString(),
        "--json");
    run(
        "plot",
        "plot",
        "--data",
        two,
        "--index",
        "0",
        "--out",
        dir.resolve("p.png").toString(),
        "--json");
  }

  /**
   * A tiny random design and one utterance for it, with one bit of the embedding's bias flipped so
   * that {@code verify} reports a first mismatch and its result shows every key.
   */
  static Path corruptedDesign() throws IOException {
    ModelConfig c =
        new ModelConfig(32, 2, 1, 32, 3, 4, InputKind.SPIKES, 140, 25.0, 0, 8, QkLayout.TIME);
    Path q = dir.resolve("tiny-q.h5");
    QuantizedModelFile.write(
        Quantizer.quantize(RandomModel.create(c, 5, 2.0), QuantSettings.defaults(c)), q);
    SplittableRandom r = new SplittableRandom(9);
    double[] times = new double[600];
    int[] units = new int[times.length];
    for (int i = 0; i < times.length; i++) {
      times[i] = r.nextDouble() * 0.29;
      units[i] = r.nextInt(700);
    }
    Arrays.sort(times);
    DatasetFile.write(
        new Dataset(
            InputKind.SPIKES,
            700,
            List.of(Sample.ofSpikes(1, 0, "random", new SpikeEvents(times, units))),
            List.of(),
            0.3,
            0),
        dir.resolve("tiny-data.h5"));
    Path design = dir.resolve("tiny-design");
    CliRunner.Result g =
        CliRunner.run(
            "generate", "--model", q.toString(), "--out", design.toString(), "--lanes", "16");
    assertEquals(0, g.code(), g.err());
    Path bias = design.resolve("mem/spikescr_spike_embed_bias.mem");
    List<String> lines = new ArrayList<>(Files.readAllLines(bias, StandardCharsets.UTF_8));
    Matcher m = Pattern.compile("of (\\d+) bits").matcher(lines.get(0));
    assertTrue(m.find(), lines.get(0));
    int laneBits = Integer.parseInt(m.group(1)) / 16;
    BigInteger word = new BigInteger(lines.get(1), 16).flipBit(laneBits - 2);
    String hex = word.toString(16);
    lines.set(1, "0".repeat(lines.get(1).length() - hex.length()) + hex);
    Files.write(bias, lines, StandardCharsets.UTF_8);
    return design;
  }

  /** A shared folder with three FSDD recordings, one per split. */
  static Path miniFsdd() throws IOException {
    Path root = dir.resolve("mini-shared");
    Path rec = Files.createDirectories(root.resolve("data/fsdd/recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    for (String name : RECORDINGS) {
      Files.copy(
          CliRunner.shared().resolve("data/fsdd/recordings").resolve(name), rec.resolve(name));
      List<String> parts = List.of(name.replace(".wav", "").split("_", -1));
      csv.append("recordings/").append(name).append(',').append(parts.get(0)).append(',');
      csv.append(parts.get(1)).append(',').append(parts.get(2)).append(",x\n");
    }
    Files.writeString(root.resolve("data/fsdd/labels.csv"), csv);
    return root;
  }

  @TestFactory
  Stream<DynamicTest> keysMatchTheGoldenFiles() {
    return OUTPUTS.keySet().stream()
        .map(name -> DynamicTest.dynamicTest(name, () -> check(name, OUTPUTS.get(name))));
  }

  static void check(String name, String output) throws IOException {
    String skeleton = JsonCodec.pretty(skeleton(JsonCodec.parse(output))) + "\n";
    Path file = golden().resolve(name + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, skeleton, StandardCharsets.UTF_8);
    }
    assertTrue(Files.isRegularFile(file), "missing " + file + " (run with -Dgolden.update=true)");
    assertEquals(Files.readString(file), skeleton, name + ": the JSON keys changed");
  }

  @Test
  void everyGoldenFileHasACase() throws IOException {
    assertEquals(16, OUTPUTS.size(), "every command is covered");
    List<String> unmatched = new ArrayList<>();
    if (!Files.isDirectory(golden())) {
      return; // nothing written yet: every case fails on its missing file
    }
    try (Stream<Path> s = Files.list(golden())) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (!n.endsWith(".json") || !OUTPUTS.containsKey(n.substring(0, n.length() - 5))) {
          unmatched.add(n);
        }
      }
    }
    assertEquals(List.of(), unmatched, "golden files without a case");
  }

  @Test
  void skeletonKeepsKeysAndNestingOnly() {
    Object s =
        skeleton(
            JsonCodec.parse(
                "{\"b\": [{\"x\": 1}, {\"y\": \"s\"}], \"a\": [1.5, 2], \"c\": [], \"d\": true}"));
    assertEquals(
        """
        {
          "a": ["number"],
          "b": [
            {
              "x": "number",
              "y": "string"
            }
          ],
          "c": [],
          "d": "boolean"
        }""",
        JsonCodec.pretty(s));
    assertFalse(JsonCodec.pretty(skeleton(JsonCodec.parse("{\"k\": 3}"))).contains("3"));
  }

  /** The key skeleton of a parsed JSON value. */
  static Object skeleton(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put((String) e.getKey(), skeleton(e.getValue()));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      Object merged = null;
      for (Object o : l) {
        merged = merge(merged, skeleton(o));
      }
      return merged == null ? List.of() : List.of(merged);
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v == null) {
      return "null";
    }
    return fail("unexpected JSON value " + v.getClass());
  }

  /** The union of two skeletons: objects merge their keys; otherwise both must agree. */
  static Object merge(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      Map<String, Object> out = new TreeMap<>();
      TreeSet<String> keys = new TreeSet<>();
      x.keySet().forEach(k -> keys.add((String) k));
      y.keySet().forEach(k -> keys.add((String) k));
      for (String k : keys) {
        out.put(k, merge(x.get(k), y.get(k)));
      }
      return out;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      Object m = null;
      for (Object o : x) {
        m = merge(m, o);
      }
      for (Object o : y) {
        m = merge(m, o);
      }
      return m == null ? List.of() : List.of(m);
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    TreeSet<String> types = new TreeSet<>(List.of(String.valueOf(a).split("\\|", -1)));
    types.addAll(List.of(String.valueOf(b).split("\\|", -1)));
    return String.join("|", types);
  }
}
