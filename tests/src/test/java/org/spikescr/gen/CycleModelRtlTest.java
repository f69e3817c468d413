package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.verify.CycleBound;
import org.spikescr.gen.verify.DesignSim;
import org.spikescr.gen.verify.Mismatch;
import org.spikescr.gen.verify.Stimulus;
import org.spikescr.gen.verify.TraceCheck;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.cycles.Architecture;
import org.spikescr.sim.cycles.CycleModel;
import org.spikescr.testing.ProjectPaths;

/**
 * The cycle model equals the RTL pass by pass, beyond the bundled design's lanes and real
 * utterances ({@code WholeDesignVerifyTest}, the official layout and the mel embedding in {@code
 * RandomDesignsVerifyTest}): the bundled student at 16 and 64 lanes on a single frame, a silent
 * utterance, a dense one and a sparse one of {@code T_max} frames, in the default architecture, and
 * at 16 lanes in both architectures, and at 16 lanes with shared engines of 32 and 64 lanes, with
 * two input events per cycle on the passes of spikes (the pipelined default) and without. A trace
 * with one pass a cycle longer than predicted is reported at that pass.
 */
class CycleModelRtlTest {
  @TempDir Path dir;

  private List<long[][]> inputs(QuantizedModel q, int tMax) {
    int channels = q.config().inputChannels();
    SplittableRandom r = new SplittableRandom(7);
    List<long[][]> out = new ArrayList<>();
    long[][] one = new long[1][channels];
    for (int c = 0; c < channels; c++) {
      one[0][c] = 1L + r.nextInt(15);
    }
    out.add(one);
    out.add(new long[13][channels]);
    long[][] dense = new long[23][channels];
    for (long[] f : dense) {
      for (int c = 0; c < channels; c++) {
        f[c] = r.nextInt(3) == 0 ? 0 : 1L + r.nextInt(40);
      }
    }
    out.add(dense);
    long[][] sparse = new long[tMax][channels];
    for (long[] f : sparse) {
      for (int c = 0; c < channels; c++) {
        f[c] = r.nextInt(20) == 0 ? 1L + r.nextInt(4) : 0;
      }
    }
    out.add(sparse);
    return out;
  }

  private record Run(TraceCheck check, String trace) {}

  private Run run(int lanes, String name) {
    return run(lanes, name, Architecture.DEFAULT);
  }

  private Run run(int lanes, String name, Architecture arch) {
    return run(lanes, name, arch, lanes, lanes);
  }

  private Run run(int lanes, String name, Architecture arch, int engineLanes, int embedLanes) {
    return run(lanes, name, arch, engineLanes, embedLanes, arch == Architecture.PIPELINED);
  }

  private Run run(
      int lanes, String name, Architecture arch, int engineLanes, int embedLanes, boolean pairs) {
    Path design = dir.resolve(name);
    WholeDesignVerifyTest.ok(
        "generate",
        "--model",
        ProjectPaths.root().resolve("models/fsdd-student-t40.h5").toString(),
        "--out",
        design.toString(),
        "--lanes",
        Integer.toString(lanes),
        "--engine-lanes",
        Integer.toString(engineLanes),
        "--embed-lanes",
        Integer.toString(embedLanes),
        "--arch",
        arch.key(),
        pairs ? "--pairs" : "--no-pairs");
    QuantizedModel q = QuantizedModelFile.read(design.resolve("model.h5"));
    HwOptions options =
        new HwOptions(
            "spikescr", lanes, q.settings().maxTimeSteps(), arch, engineLanes, embedLanes, pairs);
    Lowering.Network net = Lowering.network(q, options, Map.of());
    List<long[][]> in = inputs(q, options.maxTimeSteps());
    long bound = 0;
    for (long[][] u : in) {
      bound += 2 * CycleBound.of(q, options, u.length);
    }
    String stim = Stimulus.text(in, Lowering.IN_LANES, q.settings().inputFormat().totalBits(), 0);
    DesignSim.Run r =
        DesignSim.run(
            DesignSim.Kind.VERILATOR,
            design,
            "spikescr",
            stim,
            in.size(),
            bound,
            1,
            0,
            0,
            null,
            dir.resolve(name + "-run"),
            Duration.ofMinutes(20));
    assertTrue(r.finished(), r.output());
    TraceCheck check =
        new TraceCheck(
            q,
            net.taps(),
            new CycleModel(q, lanes, arch, options.ways(), options.embedWays(), pairs),
            Lowering.IN_LANES);
    check.check(in, r.trace());
    String what =
        arch.key()
            + " lanes "
            + lanes
            + " engine lanes "
            + engineLanes
            + "/"
            + embedLanes
            + (pairs ? " pairs" : "");
    assertEquals(List.of(), check.mismatches(), what);
    assertEquals(check.cycles(), check.predictedCycles(), what);
    assertEquals(in.size(), check.cycles().size());
    return new Run(check, r.trace());
  }

  @Test
  void theSequentialArchitectureTakesMoreCyclesAndItsModelEqualsTheRtl() {
    Run seq = run(16, "seq16", Architecture.SEQUENTIAL);
    Run pipe = run(16, "pipe16", Architecture.PIPELINED);
    System.out.println(
        "cycles at 16 lanes, sequential "
            + seq.check().cycles()
            + ", pipelined "
            + pipe.check().cycles());
    for (int i = 0; i < seq.check().cycles().size(); i++) {
      assertTrue(
          pipe.check().cycles().get(i) < seq.check().cycles().get(i),
          "utterance " + i + ": the pipelined sources save cycles");
    }
  }

  /**
   * Shared and embedding engines accumulating two and four times the lanes: every spike and
   * membrane as before, the cycles of the model (groups of zero events included: the single frame's
   * depthwise pass has one tap per step), fewer cycles with the wider engines.
   */
  @Test
  void theModelEqualsTheRtlWithWiderSharedEngines() {
    Run w2 = run(16, "w2", Architecture.PIPELINED, 32, 32);
    Run w4 = run(16, "w4", Architecture.PIPELINED, 64, 64);
    Run single = run(16, "w4single", Architecture.PIPELINED, 64, 64, false);
    System.out.println(
        "cycles at 16 lanes, engine lanes 32 "
            + w2.check().cycles()
            + ", 64 "
            + w4.check().cycles()
            + ", 64 without pairs "
            + single.check().cycles());
    assertTrue(
        w4.check().cycles().get(2) < w2.check().cycles().get(2),
        "a wider engine, fewer cycles on the dense utterance");
    assertTrue(
        w4.check().cycles().get(2) < single.check().cycles().get(2),
        "two events per cycle on spikes, fewer cycles on the dense utterance");
  }

  @Test
  void theModelEqualsTheRtlAtSixteenAndSixtyFourLanes() {
    Run p16 = run(16, "p16");
    Run p64 = run(64, "p64");
    System.out.println(
        "cycles at 16 lanes " + p16.check().cycles() + ", at 64 " + p64.check().cycles());
    assertTrue(
        p64.check().cycles().get(2) < p16.check().cycles().get(2),
        "more lanes, fewer cycles on the dense utterance");

    // one pass a cycle longer than predicted: the third pass start of the first utterance moves
    String[] lines = p16.trace().split("\n", -1);
    int seen = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("P ") && ++seen == 3) {
        String[] f = lines[i].split(" ", -1);
        lines[i] = "P " + f[1] + " " + (Long.parseLong(f[2]) + 1);
        break;
      }
    }
    Path design = dir.resolve("p16");
    QuantizedModel q = QuantizedModelFile.read(design.resolve("model.h5"));
    HwOptions options =
        new HwOptions(
            "spikescr", 16, q.settings().maxTimeSteps(), Architecture.PIPELINED, 16, 16, true);
    CycleModel model = new CycleModel(q, 16, Architecture.PIPELINED, 1, 1, true);
    TraceCheck wrong =
        new TraceCheck(q, Lowering.network(q, options, Map.of()).taps(), model, Lowering.IN_LANES);
    wrong.check(inputs(q, options.maxTimeSteps()), String.join("\n", lines));
    assertEquals(2, wrong.mismatchCount(), "" + wrong.mismatches());
    Mismatch m = wrong.mismatches().get(0);
    assertEquals(0, m.sample());
    assertEquals("cycles", m.what());
    assertEquals("blocks.0.attn.q", m.layer(), "the pass before the moved start: " + m);

    // a saturation flag raised where the simulator saw none
    String[] withFlag = p16.trace().split("\n", -1);
    for (int i = 0; i < withFlag.length; i++) {
      if (withFlag[i].startsWith("E ")) {
        String[] f = withFlag[i].split(" ", -1);
        String flags = f[4];
        f[4] = flags.substring(0, flags.length() - 1) + "4";
        withFlag[i] = String.join(" ", f);
        break;
      }
    }
    TraceCheck flagged =
        new TraceCheck(q, Lowering.network(q, options, Map.of()).taps(), model, Lowering.IN_LANES);
    flagged.check(inputs(q, options.maxTimeSteps()), String.join("\n", withFlag));
    assertEquals(1, flagged.mismatchCount(), "" + flagged.mismatches());
    assertEquals("saturated", flagged.mismatches().get(0).what());
  }
}
