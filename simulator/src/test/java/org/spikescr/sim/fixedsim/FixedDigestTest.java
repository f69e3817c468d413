package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedHead;
import org.spikescr.model.quantized.QuantizedInputs;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.model.quantized.ThresholdLif;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.OpCounts;

/**
 * Regression guard for the golden model: a SHA-256 digest over everything the fixed-point simulator
 * reports (every trace's inputs, spikes and membranes, logits, scores, prediction, saturation
 * counters and operation counts) for a set of random models and inputs. The expected digests were
 * recorded with the reference implementation; any change to a single output bit fails the test.
 *
 * <p>The cases cover both q/k layouts, depth 1 and 2, spike and mel input, and models whose
 * accumulator, membrane and logit widths were narrowed so that saturation happens and is counted.
 */
class FixedDigestTest {

  private record Case(
      String name,
      QkLayout layout,
      int depth,
      InputKind kind,
      boolean narrow,
      int weightBits,
      int membraneFracBits) {
    Case(String name, QkLayout layout, int depth, InputKind kind, boolean narrow) {
      this(name, layout, depth, kind, narrow, 8, 4);
    }
  }

  private static final List<Case> CASES =
      List.of(
          new Case("time-d1-spikes", QkLayout.TIME, 1, InputKind.SPIKES, false),
          new Case("official-d1-spikes", QkLayout.OFFICIAL, 1, InputKind.SPIKES, false),
          new Case("time-d2-mel", QkLayout.TIME, 2, InputKind.MEL, false),
          new Case("official-d2-spikes", QkLayout.OFFICIAL, 2, InputKind.SPIKES, false),
          new Case("official-d1-mel", QkLayout.OFFICIAL, 1, InputKind.MEL, false),
          new Case("time-d2-spikes-narrow", QkLayout.TIME, 2, InputKind.SPIKES, true),
          new Case("official-d1-mel-narrow", QkLayout.OFFICIAL, 1, InputKind.MEL, true),
          // 16-bit weights on mel input and 16 membrane fraction bits: sums beyond 32 bits
          new Case("time-d1-mel-w16-g16", QkLayout.TIME, 1, InputKind.MEL, false, 16, 16),
          new Case(
              "official-d2-spikes-w16-g16", QkLayout.OFFICIAL, 2, InputKind.SPIKES, true, 16, 16));

  /** Recorded with the reference implementation; do not update to make a change pass. */
  private static final Map<String, String> EXPECTED =
      Map.of(
          "time-d1-spikes",
          "95d297ceaad0f7216275eb3299b1ba9447f7d78ce6f583069ec035408e4e23dd",
          "official-d1-spikes",
          "46cb6b735d6178456f16ffca2fbc666bc19930ea0a0875b480109cdb8b789e0a",
          "time-d2-mel",
          "05a01d8f7ed12d02f1c8e88432483cfb3001f6f05641e8e0cd1f08fe1da65ef0",
          "official-d2-spikes",
          "6733dc68430a08d91e1f6b1df295bdcc32204f6dbf6400b4088cd91c994144d3",
          "official-d1-mel",
          "b06918420f3266b688b7eb9cc1367107a20f6a9a57f23008729d94bf47048f42",
          "time-d2-spikes-narrow",
          "8bd023c47e62fe3264d5877811a2993ed626da2eae77865577df5079b0666413",
          "official-d1-mel-narrow",
          "9860369ad9350a1fb02e7c1503ce0ec431082f93d93848bf660ed40aad7c33b3",
          "time-d1-mel-w16-g16",
          "f1974b66f0b1a7079e7337db66414dd0775f79d13e12f74d5715e11df2f39952",
          "official-d2-spikes-w16-g16",
          "6a415ecb860e0a9092657141b7fbf7ffb1afc462492e78f94162be42d40e0fc9");

  @Test
  void outputsAreBitIdenticalToTheRecordedDigests() {
    List<String> got = new ArrayList<>();
    for (Case c : CASES) {
      got.add(c.name() + " " + digest(c));
    }
    List<String> want = new ArrayList<>();
    for (Case c : CASES) {
      want.add(c.name() + " " + EXPECTED.get(c.name()));
    }
    assertEquals(String.join("\n", want), String.join("\n", got));
  }

  private static String digest(Case c) {
    ModelConfig config = FixedSimulatorTest.config(c.layout(), c.depth(), c.kind());
    long seed =
        (long) (11 + c.name().hashCode()); // int arithmetic, as the pinned digests were made
    QuantSettings d = QuantSettings.defaults(config);
    QuantSettings settings =
        new QuantSettings(
            c.weightBits(),
            c.membraneFracBits(),
            d.scaleSpanBits(),
            d.maxTimeSteps(),
            d.inputFormat(),
            d.ropeFracBits(),
            d.expTableLength(),
            d.expFracBits(),
            d.probFracBits());
    QuantizedModel q =
        Quantizer.quantize(RandomModel.create(config, seed, c.narrow() ? 4.0 : 2.0), settings);
    if (c.narrow()) {
      q = narrow(q);
    }
    FixedSimulator sim = new FixedSimulator(q);
    MessageDigest md = sha256();
    int[] lengths = {40, 17, 1, 33};
    double[] means = {0.3, 1.0, 0.5, 2.0};
    for (int i = 0; i < lengths.length; i++) {
      double[][] frames = frames(c.kind(), lengths[i], config.inputChannels(), means[i], seed + i);
      long[][] raw =
          QuantizedInputs.convert(
              frames, q.settings().inputFormat(), new SaturationCounter("input"));
      Map<String, FixedLayerTrace> traces = new java.util.LinkedHashMap<>();
      FixedInference traced = sim.run(raw, traces);
      for (FixedLayerTrace t : traces.values()) {
        put(md, t.name());
        put(md, t.input());
        for (byte[] row : t.spikes()) {
          md.update(row);
        }
        put(md, t.membrane());
      }
      put(md, traced);
      if (c.narrow()) {
        assertTrue(traced.saturationEvents() > 0, c.name());
      }
      put(md, sim.run(raw));
      put(md, sim.trace(raw).size());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static double[][] frames(
      InputKind kind, int steps, int channels, double mean, long seed) {
    double[][] counts = RandomModel.counts(steps, channels, mean, seed);
    if (kind == InputKind.SPIKES) {
      return counts;
    }
    double[][] mel = new double[steps][channels];
    for (int t = 0; t < steps; t++) {
      for (int ch = 0; ch < channels; ch++) {
        mel[t][ch] = -90 + 37.3 * counts[t][ch] + 0.37 * ((t * 7 + ch * 13) % 29) - 4;
      }
    }
    return mel;
  }

  /** A copy with accumulator, membrane and logit widths cut so that casts saturate. */
  private static QuantizedModel narrow(QuantizedModel q) {
    List<QuantizedBlock> blocks = new ArrayList<>();
    for (QuantizedBlock b : q.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      blocks.add(
          new QuantizedBlock(
              new QuantizedBlock.QuantizedAttention(
                  narrow(a.q()),
                  narrow(a.k()),
                  narrow(a.v()),
                  narrow(a.proj()),
                  narrow(a.qLif2()),
                  narrow(a.kLif2()),
                  narrow(a.attnLif()),
                  a.yBits(),
                  a.rope()),
              new QuantizedBlock.QuantizedMlp(narrow(b.mlp1().fc1()), narrow(b.mlp1().fc2())),
              new QuantizedBlock.QuantizedConvModule(
                  narrow(b.conv().pw1()),
                  narrow(b.conv().dw()),
                  narrow(b.conv().value()),
                  narrow(b.conv().gate()),
                  narrow(b.conv().gsuProj())),
              new QuantizedBlock.QuantizedMlp(narrow(b.mlp2().fc1()), narrow(b.mlp2().fc2()))));
    }
    QuantizedHead h = q.head();
    return new QuantizedModel(
        q.config(),
        q.settings(),
        narrow(q.embed()),
        blocks,
        new QuantizedHead(h.weight(), h.scale(), Math.max(2, h.logitBits() - 4)),
        q.readout(),
        q.provenance());
  }

  private static SynapticLayer narrow(SynapticLayer l) {
    long need = 1;
    for (long v : l.threshold()) {
      need = Math.max(need, Math.abs(v));
    }
    for (long v : l.bias()) {
      need = Math.max(need, Math.abs(v) + 1);
    }
    int minM = 65 - Long.numberOfLeadingZeros(need);
    return new SynapticLayer(
        l.name(),
        l.lif(),
        l.weight(),
        l.bias(),
        l.threshold(),
        l.scale(),
        l.inputLo(),
        l.inputHi(),
        Math.max(2, l.accBits() - 3),
        Math.max(minM, l.membraneBits() - 3));
  }

  private static ThresholdLif narrow(ThresholdLif l) {
    int minM = 65 - Long.numberOfLeadingZeros(l.threshold());
    return new ThresholdLif(l.name(), l.threshold(), Math.max(minM, l.membraneBits() - 3));
  }

  private static void put(MessageDigest md, FixedInference r) {
    put(md, r.logits());
    put(md, r.scores());
    put(md, r.prediction());
    for (FixedInference.Saturation s : r.saturations()) {
      put(md, s.layer());
      put(md, s.events());
      put(md, s.casts());
    }
    OpCounts n = r.counts();
    for (Map.Entry<String, Long> e : n.spikes().entrySet()) {
      put(md, e.getKey());
      put(md, e.getValue());
    }
    for (Map.Entry<String, Long> e : n.neuronSteps().entrySet()) {
      put(md, e.getKey());
      put(md, e.getValue());
    }
    put(md, n.accumulates());
    put(md, n.multiplyAccumulates());
    put(md, n.attentionAccumulates());
    put(md, n.timeSteps());
  }

  private static void put(MessageDigest md, long[][] rows) {
    put(md, rows.length);
    for (long[] row : rows) {
      put(md, row);
    }
  }

  private static void put(MessageDigest md, long[] row) {
    ByteBuffer b = ByteBuffer.allocate(8 * row.length + 8);
    b.putLong(row.length);
    for (long v : row) {
      b.putLong(v);
    }
    md.update(b.array());
  }

  private static void put(MessageDigest md, long v) {
    md.update(ByteBuffer.allocate(8).putLong(v).array());
  }

  private static void put(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
