package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;

/**
 * Whole designs of random-weight models other than the bundled student run bit-exactly ({@code
 * spikescr verify}): an SSC-sized network (D = 256, 16 heads, two blocks, MLP width 1024, 35
 * classes, official q/k layout, spike-count input) and a small log-mel network (the embedding's
 * true multiply-accumulate, time q/k layout). Each model's golden run is checked to spike in most
 * layers and to give logits that vary, so a bit-exact result is not a run of zeros.
 */
class RandomDesignsVerifyTest {
  /** Frames per utterance: short, so the simulations stay quick. */
  static final int STEPS = 12;

  static final double WINDOW_S = 0.3;

  @TempDir static Path dir;

  /** A model written to a file, its dataset and its generated design. */
  record Case(QuantizedModel q, Path data, Path design) {}

  static Case ssc;
  static Case mel;

  static QuantizedModel quantize(ModelConfig c, long seed, double gain) {
    QuantSettings d = QuantSettings.defaults(c);
    QuantSettings s =
        new QuantSettings(
            d.weightBits(),
            d.membraneFracBits(),
            d.scaleSpanBits(),
            16,
            d.inputFormat(),
            d.ropeFracBits(),
            d.expTableLength(),
            d.expFracBits(),
            d.probFracBits());
    return Quantizer.quantize(RandomModel.create(c, seed, gain), s);
  }

  /** Three utterances of random spikes over 700 units (pooled by 5 into 140 channels). */
  static Dataset spikes(int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int n = 4000;
      double[] times = new double[n];
      int[] units = new int[n];
      for (int i = 0; i < n; i++) {
        times[i] = r.nextDouble() * (WINDOW_S - 0.001);
        units[i] = r.nextInt(DatasetFile.OFFICIAL_UNITS);
      }
      Arrays.sort(times);
      samples.add(Sample.ofSpikes(s % classes, 0, "random" + s, new SpikeEvents(times, units)));
    }
    return new Dataset(
        InputKind.SPIKES, DatasetFile.OFFICIAL_UNITS, samples, List.of(), WINDOW_S, 0);
  }

  /** Three utterances of random log-mel frames (dB around 0, within the input format). */
  static Dataset melFrames(int channels, int hop, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      float[][] f = new float[STEPS][channels];
      for (float[] row : f) {
        for (int c = 0; c < channels; c++) {
          row[c] = (float) (6 * (2 * r.nextDouble() - 1));
        }
      }
      samples.add(Sample.ofFrames(s, 0, "random" + s, f));
    }
    return new Dataset(InputKind.MEL, channels, samples, List.of(), 0, hop);
  }

  static Case build(String name, QuantizedModel q, Dataset data, String lanes) {
    Path model = dir.resolve(name + "-q.h5");
    QuantizedModelFile.write(q, model);
    Path d = dir.resolve(name + "-data.h5");
    DatasetFile.write(data, d);
    Path design = dir.resolve(name);
    WholeDesignVerifyTest.ok(
        "generate", "--model", model.toString(), "--out", design.toString(), "--lanes", lanes);
    return new Case(q, d, design);
  }

  @BeforeAll
  static void buildModels() {
    ModelConfig s =
        new ModelConfig(
            256, 16, 2, 1024, 7, 35, InputKind.SPIKES, 140, 25.0, 0, 8, QkLayout.OFFICIAL);
    ssc = build("ssc", quantize(s, 11, 2.0), spikes(35, 5), "32");
    ModelConfig m =
        new ModelConfig(64, 4, 1, 128, 7, 10, InputKind.MEL, 40, 0, 80, 8, QkLayout.TIME);
    mel = build("mel", quantize(m, 12, 2.0), melFrames(40, 80, 6), "32");
  }

  /** The utterances of a case as the design's integer inputs. */
  static List<long[][]> inputs(Case c) {
    ModelInputs in =
        ModelInputs.prepare(
            DatasetFile.read(c.data()),
            c.data().toString(),
            c.q().config(),
            c.q().config().inputKind() == InputKind.SPIKES ? 25.0 : 0,
            3);
    List<long[][]> out = new ArrayList<>();
    for (double[][] x : in.inputs()) {
      assertEquals(STEPS, x.length, "frames per utterance");
      out.add(
          QuantizedInputs.convert(x, c.q().settings().inputFormat(), new SaturationCounter("in")));
    }
    return out;
  }

  /**
   * The golden runs are not trivial: most LIF layers spike, yet none fires everywhere, and the
   * logits vary over time and classes.
   */
  static void assertActive(Case c) {
    FixedSimulator sim = new FixedSimulator(c.q());
    int layers = 0;
    int spiking = 0;
    List<String> silent = new ArrayList<>();
    for (long[][] x : inputs(c)) {
      Map<String, FixedLayerTrace> traces = new java.util.LinkedHashMap<>();
      FixedInference r = sim.run(x, traces);
      for (FixedLayerTrace t : traces.values()) {
        long n = 0;
        long cells = 0;
        for (byte[] row : t.spikes()) {
          for (byte b : row) {
            n += b;
            cells++;
          }
        }
        layers++;
        if (n > 0 && n < cells) {
          spiking++;
        } else {
          silent.add(t.name() + " (" + n + " of " + cells + ")");
        }
      }
      long[][] logits = r.logits();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long[] row : logits) {
        for (long v : row) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      assertTrue(max > min, "constant logits " + min);
    }
    assertTrue(spiking * 4 >= layers * 3, spiking + " of " + layers + " spike; not: " + silent);
  }

  static void assertBitExact(Case c, String sim, int samples) {
    WholeDesignVerifyTest.Result r =
        WholeDesignVerifyTest.cli(
            "verify",
            "--design",
            c.design().toString(),
            "--data",
            c.data().toString(),
            "--sim",
            sim,
            "--samples",
            "" + samples,
            "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    Map<String, Object> j = r.json();
    assertEquals((long) samples, WholeDesignVerifyTest.number(j, "samples"));
    assertEquals(0L, WholeDesignVerifyTest.number(j, "mismatches"));
    assertEquals(true, j.get("finished"));
    List<Long> cycles = WholeDesignVerifyTest.cycles(j);
    assertEquals(samples, cycles.size());
    assertTrue(cycles.stream().allMatch(x -> x > 0), "cycles " + cycles);
  }

  @Test
  void sscSizedModelIsActiveAndRunsBitExactInVerilator() {
    assertActive(ssc);
    assertBitExact(ssc, "verilator", 3);
  }

  @Test
  void melModelIsActiveAndRunsBitExactInVerilator() {
    assertActive(mel);
    assertBitExact(mel, "verilator", 3);
  }

  @Test
  void melModelRunsBitExactInIcarus() {
    assertBitExact(mel, "icarus", 1);
  }
}
