package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.rtl.SynapticVectors.Config;
import org.spikescr.rtl.SynapticVectors.Kind;

/**
 * {@code synaptic_engine} on the convolutions: the embedding convolution (kernel 3) with
 * spike-count and with mel inputs (the multiplying kinds), and the depthwise temporal convolution
 * (kernel 31, per-lane binary kind), each event carrying its tap; every output beat equals the
 * layer's Java model ({@code FixedSynapseReference.embed} / {@code depthwise}) under random stalls.
 */
class SynapticConvTest {
  /** Longest utterance of these tests. */
  static final int T_MAX = 100;

  /** Spike counts in ap_uint<8>, 6 input channels, C_out = 2P, a narrow accumulator. */
  static final Config COUNT = new Config(SynapticVectors.MUL_UNSIGNED, 4, 8, 8, 18, 2, 18, 4, 16);

  /** Raw ap_fixed<12,8> mel inputs, 4-bit weights, 5 input channels, the proven width. */
  static final Config MEL = new Config(SynapticVectors.MUL_SIGNED, 4, 4, 12, 15, 1, 19, 2, 12);

  /** Depthwise, kernel 31, 8 channels in 2 groups, the proven width. */
  static final Config DEPTHWISE =
      new Config(SynapticVectors.LANE_BINARY, 4, 8, 4, 31, 2, 13, 4, 16);

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  static SynapticVectors countEmbedding() {
    SynapticLayer l = SynapticVectors.randomLayer(COUNT, new int[] {8, 6, 3}, 31);
    SynapticVectors v = new SynapticVectors(COUNT, Kind.EMBED, l);
    v.utterance(SynapticVectors.constant(2, 6, 0), 1);
    v.utterance(SynapticVectors.constant(3, 6, 255), 2);
    v.utterance(SynapticVectors.randomInputs(COUNT, 1, 6, 80, 3), 3);
    v.utterance(SynapticVectors.randomInputs(COUNT, T_MAX, 6, 30, 4), 4);
    v.utterance(SynapticVectors.randomInputs(COUNT, 10, 6, 100, 5), 5);
    return v;
  }

  static SynapticVectors melEmbedding() {
    SynapticLayer l = SynapticVectors.randomLayer(MEL, new int[] {4, 5, 3}, 41);
    SynapticVectors v = new SynapticVectors(MEL, Kind.EMBED, l);
    v.utterance(SynapticVectors.constant(2, 5, 0), 1);
    v.utterance(SynapticVectors.constant(3, 5, -2048), 2);
    v.utterance(SynapticVectors.constant(2, 5, 2047), 3);
    v.utterance(SynapticVectors.randomInputs(MEL, 1, 5, 90, 4), 4);
    v.utterance(SynapticVectors.randomInputs(MEL, T_MAX, 5, 90, 5), 5);
    return v;
  }

  /** Weights at -8 and 7 and inputs at -2048 and 2047: the ends of the proven width. */
  static SynapticVectors melExtremes() {
    int[] q = new int[4 * 15];
    for (int o = 0; o < 4; o++) {
      for (int i = 0; i < 15; i++) {
        q[o * 15 + i] = o % 2 == 0 ? -8 : 7;
      }
    }
    SynapticLayer l =
        SynapticVectors.layer(MEL, new int[] {4, 5, 3}, q, new long[] {2047, -2048, 0, 1});
    assertEquals(MEL.a(), SynapticVectors.provenAccBits(l));
    SynapticVectors v = new SynapticVectors(MEL, Kind.EMBED, l);
    v.utterance(SynapticVectors.constant(3, 5, -2048), 1);
    v.utterance(SynapticVectors.constant(3, 5, 2047), 2);
    return v;
  }

  static SynapticVectors depthwise() {
    SynapticLayer l = SynapticVectors.randomLayer(DEPTHWISE, new int[] {8, 31}, 51);
    SynapticVectors v = new SynapticVectors(DEPTHWISE, Kind.DEPTHWISE, l);
    v.utterance(SynapticVectors.constant(3, 8, 0), 1);
    v.utterance(SynapticVectors.constant(40, 8, 1), 2);
    v.utterance(SynapticVectors.randomInputs(DEPTHWISE, 1, 8, 70, 3), 3);
    v.utterance(SynapticVectors.randomInputs(DEPTHWISE, T_MAX, 8, 30, 4), 4);
    v.utterance(SynapticVectors.randomInputs(DEPTHWISE, 20, 8, 5, 5), 5);
    return v;
  }

  /** Every weight of a channel at -128 or 127 and every spike on: the ends of the proven width. */
  static SynapticVectors depthwiseExtremes() {
    int[] q = new int[8 * 31];
    for (int c = 0; c < 8; c++) {
      for (int k = 0; k < 31; k++) {
        q[c * 31 + k] = c % 2 == 0 ? -128 : 127;
      }
    }
    long[] bias = {32767, -32768, 0, 1, -1, 100, -100, 5};
    SynapticLayer l = SynapticVectors.layer(DEPTHWISE, new int[] {8, 31}, q, bias);
    assertEquals(DEPTHWISE.a(), SynapticVectors.provenAccBits(l));
    SynapticVectors v = new SynapticVectors(DEPTHWISE, Kind.DEPTHWISE, l);
    v.utterance(SynapticVectors.constant(T_MAX, 8, 1), 1);
    return v;
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void countEmbeddingMatchesTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors v = countEmbedding();
    assertEquals(v.referenceEvents(), v.flags());
    assertTrue(v.flags() > 0, "the narrow accumulator saturates on dense steps");
    SynapticEngineTest.runWithStalls(sim, COUNT, v);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void melEmbeddingMatchesTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors v = melEmbedding();
    SynapticVectors extremes = melExtremes();
    assertEquals(0, v.referenceEvents());
    assertEquals(0, extremes.referenceEvents());
    SynapticEngineTest.runWithStalls(sim, MEL, v);
    SynapticEngineTest.runWithStalls(sim, MEL, extremes);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void depthwiseMatchesTheReferenceUnderRandomStalls(Simulator sim) {
    SynapticVectors v = depthwise();
    SynapticVectors extremes = depthwiseExtremes();
    assertEquals(0, v.referenceEvents());
    assertEquals(0, extremes.referenceEvents());
    SynapticEngineTest.runWithStalls(sim, DEPTHWISE, v);
    SynapticEngineTest.runWithStalls(sim, DEPTHWISE, extremes);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void sustainsOneEventPerCycle(Simulator sim) {
    SynapticEngineTest.assertOneEventPerCycle(sim, DEPTHWISE, depthwise());
    SynapticEngineTest.assertOneEventPerCycle(sim, MEL, melEmbedding());
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedBeat(Simulator sim) {
    SynapticVectors v = depthwise();
    int bad = v.beats() - 3;
    BenchResult r =
        UnitBench.run(
            sim,
            DEPTHWISE.bench(),
            v.files(v.corrupted(bad, 2)),
            List.of(v.counts().get(0), v.counts().get(1), "+seed=4"));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  @Test
  void lintsAndSynthesizesClean() {
    Config count = new Config(SynapticVectors.MUL_UNSIGNED, 16, 8, 8, 3 * 64, 8, 24, 4, 20);
    Config dw = new Config(SynapticVectors.LANE_BINARY, 16, 8, 16, 31, 8, 13, 4, 16);
    int[][] shapes = {{128, 64, 3}, {128, 31}};
    List<Config> cfgs = List.of(count, dw);
    for (int c = 0; c < 2; c++) {
      Config cfg = cfgs.get(c);
      UnitBench.assertLintClean(cfg.unit());
      SynapticLayer l = SynapticVectors.randomLayer(cfg, shapes[c], 1);
      SynthReport r = UnitBench.assertSynthClean(cfg.unit(), SynapticVectors.images(cfg, l));
      System.out.println("synaptic_engine " + cfg + ": " + r.cells());
      assertTrue(r.bram36() >= 1, "the weight image is in block RAM: " + r.cells());
      if (cfg.mode() == SynapticVectors.LANE_BINARY) {
        assertEquals(0, r.dsps(), "no multiplier in the per-lane binary kind");
      } else {
        assertTrue(r.dsps() >= cfg.p(), "one multiplier per lane: " + r.cells());
      }
    }
  }
}
