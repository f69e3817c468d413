package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.eval.FixedEvaluation;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.cycles.Architecture;
import org.spikescr.sim.cycles.CycleModel;

/**
 * {@code spikescr sweep} over two lane counts and two weight widths of a small random-weight model:
 * every point is generated and synthesized (two at once), its cycles are the cycle model's mean and
 * its accuracy the integer model's on the data, the Pareto front holds exactly the points no other
 * point dominates, the fastest fitting point is the fitting point of fewest cycles, and the table,
 * plot and designs are written. Bad lanes are a clear error that writes nothing.
 */
class SweepCliTest {
  @TempDir static Path dir;

  static Path model;
  static Path data;
  static final int CLASSES = 4;

  @BeforeAll
  static void modelAndData() {
    ModelConfig c =
        new ModelConfig(32, 2, 1, 32, 3, CLASSES, InputKind.SPIKES, 140, 25.0, 0, 8, QkLayout.TIME);
    model = dir.resolve("small.h5");
    ModelFile.write(RandomModel.create(c, 21, 2.0), model);
    SplittableRandom r = new SplittableRandom(4);
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      int n = 1500;
      double[] times = new double[n];
      int[] units = new int[n];
      for (int i = 0; i < n; i++) {
        times[i] = r.nextDouble() * 0.199;
        units[i] = r.nextInt(DatasetFile.OFFICIAL_UNITS);
      }
      Arrays.sort(times);
      samples.add(Sample.ofSpikes(s % CLASSES, 0, "u" + s, new SpikeEvents(times, units)));
    }
    data = dir.resolve("data.h5");
    DatasetFile.write(
        new Dataset(InputKind.SPIKES, DatasetFile.OFFICIAL_UNITS, samples, List.of(), 0.2, 0),
        data);
  }

  /** The sweep of the small model over lanes 8 and 16 and widths 4 and 8 into {@code out}. */
  private static CliRunner.Result sweep(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--lanes",
                "8,16",
                "--weight-bits",
                "4,8",
                "--out",
                out.toString(),
                "--json"));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void everyPointIsMeasuredAndTheFrontIsTheUndominatedOnes() throws Exception {
    Path out = dir.resolve("sweep");
    CliRunner.Result r = sweep(out, "--jobs", "2", "--quiet");
    assertEquals(0, r.code(), r.out() + r.err());
    Map<String, Object> j = JsonCodec.parseObject(r.out());
    assertEquals(
        JsonCodec.parseObject(Files.readString(out.resolve("sweep.json"), StandardCharsets.UTF_8)),
        j,
        "sweep.json holds what was printed");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> points = (List<Map<String, Object>>) j.get("points");
    assertEquals(4, points.size());
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Map<String, Object> p : points) {
      byName.put((String) p.get("name"), p);
    }
    assertEquals(List.of("p8-w4", "p16-w4", "p8-w8", "p16-w8"), List.copyOf(byName.keySet()));
    ModelInputs in =
        ModelInputs.prepare(
            DatasetFile.read(data), data.toString(), ModelFile.read(model).config(), 0, 0);
    for (Map<String, Object> p : points) {
      String name = (String) p.get("name");
      int lanes = ((Number) p.get("lanes")).intValue();
      int bits = ((Number) p.get("weight_bits")).intValue();
      QuantizedModel q = QuantizedModelFile.read(out.resolve("models/w" + bits + ".h5"));
      assertEquals(bits, q.settings().weightBits());
      Architecture a = Architecture.DEFAULT;
      CycleModel cm =
          new CycleModel(
              q,
              lanes,
              a,
              LayerPlanner.defaultEngineLanes(q, lanes, a) / lanes,
              LayerPlanner.defaultEmbedLanes(q, lanes, a) / lanes,
              a == Architecture.PIPELINED);
      long total = 0;
      for (double[][] x : in.inputs()) {
        total += cm.predict(FixedEvaluation.convert(q, x), Lowering.IN_LANES).total();
      }
      assertEquals((double) total / in.inputs().size(), num(p, "cycles"), 1e-9, name);
      assertEquals(num(p, "cycles") / 200, num(p, "latency_us"), 1e-9, name);
      Map<String, Object> synth =
          JsonCodec.parseObject(
              Files.readString(
                  out.resolve("points/" + name + "/synth.json"), StandardCharsets.UTF_8));
      assertEquals(num(synth, "lut"), num(p, "lut"), name);
      assertTrue(num(p, "lut") > 0 && num(p, "ff") > 0, name);
      assertEquals(synth.get("fits"), p.get("fits"), name);
      assertTrue(Files.isRegularFile(out.resolve("points/" + name + "/manifest.json")), name);
    }
    assertTrue(
        num(byName.get("p16-w8"), "cycles") < num(byName.get("p8-w8"), "cycles"),
        "twice the lanes, fewer cycles");
    assertTrue(
        num(byName.get("p16-w8"), "lut") > num(byName.get("p8-w8"), "lut"),
        "twice the lanes, more LUTs");
    // the front, recomputed from the figures
    List<String> front = new ArrayList<>();
    for (Map<String, Object> a : points) {
      boolean dominated = false;
      for (Map<String, Object> b : points) {
        boolean noWorse =
            num(b, "cycles") <= num(a, "cycles")
                && num(b, "lut") <= num(a, "lut")
                && num(b, "accuracy") >= num(a, "accuracy");
        boolean better =
            num(b, "cycles") < num(a, "cycles")
                || num(b, "lut") < num(a, "lut")
                || num(b, "accuracy") > num(a, "accuracy");
        dominated |= b != a && noWorse && better;
      }
      assertEquals(!dominated, a.get("pareto"), (String) a.get("name"));
      if (!dominated) {
        front.add((String) a.get("name"));
      }
    }
    assertEquals(front, j.get("pareto"));
    assertFalse(front.isEmpty());
    String fastest = null;
    double best = Double.MAX_VALUE;
    for (Map<String, Object> p : points) {
      if ((Boolean) p.get("fits") && num(p, "cycles") < best) {
        best = num(p, "cycles");
        fastest = (String) p.get("name");
      }
    }
    assertNotNull(fastest, "a small model fits the xc7z020");
    assertEquals(
        num(byName.get(fastest), "cycles"),
        num(byName.get((String) j.get("fastest_fitting")), "cycles"));
    String md = Files.readString(out.resolve("sweep.md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("| p16-w8 | 16 | 8 |"), md);
    assertTrue(md.contains("Fastest point that fits xc7z020: " + j.get("fastest_fitting")), md);
    assertNotNull(ImageIO.read(out.resolve("pareto.png").toFile()), "the plot decodes");
    try (var files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().startsWith(".sweep")),
          "no temporary left");
    }
    // a second sweep takes the syntheses of identical designs from the first
    Path again = dir.resolve("again");
    CliRunner.Result r2 = sweep(again, "--reuse", out.toString());
    assertEquals(0, r2.code(), r2.err());
    assertEquals(4, r2.err().split("synthesis reused", -1).length - 1, r2.err());
    assertEquals(j.get("points"), JsonCodec.parseObject(r2.out()).get("points"));
  }

  @Test
  void lanesThatDoNotDivideTheWidthsAreAClearErrorAndWriteNothing() {
    Path out = dir.resolve("bad-sweep");
    CliRunner.Result r =
        CliRunner.run(
            "sweep",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--lanes",
            "8,12",
            "--out",
            out.toString(),
            "--quiet");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--lanes") && r.err().contains("12"), r.err());
    assertFalse(Files.exists(out));
  }

  private static double num(Map<String, Object> m, String key) {
    assertTrue(m.get(key) instanceof Number, key + ": " + m.get(key));
    return ((Number) m.get(key)).doubleValue();
  }
}
