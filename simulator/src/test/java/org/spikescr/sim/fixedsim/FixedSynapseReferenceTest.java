package org.spikescr.sim.fixedsim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.SaturationCounter;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.sim.OpCounts;

/**
 * The fast synaptic path of the simulator ({@link FixedSynapse}, with and without the LIF fused
 * into it) against the plain reference ({@link FixedSynapseReference} followed by {@link
 * FixedLif#run}) on random layers of every kind: binary, residual, spike-count and mel inputs;
 * narrow accumulators and membranes that saturate; weights of up to 16 bits and sums beyond 32
 * bits. Every LIF input, spike, membrane and saturation count must be equal.
 */
class FixedSynapseReferenceTest {

  /** The synaptic kinds of {@code docs/fixed-point.md} section 4, with their input ranges. */
  private enum Kind {
    BINARY(0, 1),
    RESIDUAL(0, 9),
    COUNTS(0, 255),
    MEL(-2048, 2047),
    DEPTHWISE(0, 1);

    final long lo;
    final long hi;

    Kind(long lo, long hi) {
      this.lo = lo;
      this.hi = hi;
    }
  }

  /** One random layer, its inputs ({@code [step][channel]}, not modified) and its settings. */
  private static final class Case {
    private final Kind kind;
    private final SynapticLayer layer;
    private final long[][] x;
    private final int g;
    private final String label;

    Case(Kind kind, SynapticLayer layer, long[][] x, int g, String label) {
      this.kind = kind;
      this.layer = layer;
      this.x = x;
      this.g = g;
      this.label = label;
    }

    Kind kind() {
      return kind;
    }

    SynapticLayer layer() {
      return layer;
    }

    long[][] x() {
      return x;
    }

    int g() {
      return g;
    }

    String label() {
      return label;
    }
  }

  @Test
  void fastPathEqualsTheReferenceOnRandomLayers() {
    SplittableRandom r = new SplittableRandom(20261130);
    int saturated = 0;
    int wide = 0;
    for (int n = 0; n < 600; n++) {
      Kind kind = Kind.values()[n % Kind.values().length];
      Case c = randomCase(kind, r, n);
      long[][] reference = referenceX(c, new SaturationCounter("ref"));
      saturated += saturates(c) ? 1 : 0;
      wide += maxAbs(sums(c)) > Integer.MAX_VALUE ? 1 : 0;
      checkCollected(c, reference, r);
      checkFused(c, reference, r);
    }
    // the random cases reach the paths that matter
    assertTrue(saturated > 50, "cases with accumulator saturation: " + saturated);
    assertTrue(wide > 20, "cases with sums beyond 32 bits: " + wide);
  }

  @Test
  void sumsBeyond32BitsAreExact() {
    int in = 64;
    int[] w = new int[8 * in];
    java.util.Arrays.fill(w, 32767);
    SynapticLayer l = layer("wide", new int[] {8, in}, w, 0, 2047, 40, 60, new SplittableRandom(1));
    long[][] x = new long[3][in];
    for (long[] row : x) {
      java.util.Arrays.fill(row, 2047);
    }
    Case c = new Case(Kind.RESIDUAL, l, x, 16, "wide");
    long[][] ref = referenceX(c, new SaturationCounter("ref"));
    long acc = 32767L * 2047 * in;
    assertEquals((acc << 16) + l.bias()[0], ref[0][0]);
    checkCollected(c, ref, new SplittableRandom(2));
    checkFused(c, ref, new SplittableRandom(3));
  }

  @Test
  void referenceFollowsTheFormulasOfTheContract() {
    // acc = 2*1 + (-3)*2 = -4; A = 3 bits holds -4; X = -4 * 2^2 + 5
    SplittableRandom r = new SplittableRandom(5);
    SynapticLayer l = layer("l", new int[] {1, 2}, new int[] {2, -3}, 0, 2, 3, 12, r);
    long beta = l.bias()[0];
    SaturationCounter c = new SaturationCounter("c");
    assertArrayEquals(new long[] {-4}, FixedSynapseReference.accumulate(l, new long[] {1, 2}));
    assertArrayEquals(
        new long[] {-4 * 4 + beta}, FixedSynapseReference.membraneInput(l, new long[] {-4}, 2, c));
    // sat_A: 5 does not fit 3 signed bits and becomes 3, one event out of two casts
    assertArrayEquals(
        new long[] {3 * 4 + beta}, FixedSynapseReference.membraneInput(l, new long[] {5}, 2, c));
    assertEquals(1, c.events());
    assertEquals(2, c.casts());
    // depthwise kernel 3: acc[t] = q0 s[t-1] + q1 s[t] + q2 s[t+1]
    SynapticLayer dw = layer("dw", new int[] {1, 3}, new int[] {1, 10, 100}, 0, 1, 12, 20, r);
    long[][] s = {{1}, {1}, {0}};
    assertArrayEquals(new long[] {110}, FixedSynapseReference.depthwiseConv(dw, s, 0));
    assertArrayEquals(new long[] {11}, FixedSynapseReference.depthwiseConv(dw, s, 1));
    assertArrayEquals(new long[] {1}, FixedSynapseReference.depthwiseConv(dw, s, 2));
    // embedding kernel 3, two input channels: weight (1, 2, 3)
    SynapticLayer em =
        layer("em", new int[] {1, 2, 3}, new int[] {1, 2, 3, 4, 5, 6}, 0, 255, 16, 24, r);
    long[][] x = {{1, 2}, {3, 4}};
    // t = 0: taps k = 1, 2 read x[0], x[1]: 2*1 + 3*3 + 5*2 + 6*4
    assertArrayEquals(new long[] {45}, FixedSynapseReference.embedConv(em, x, 0));
    // t = 1: taps k = 0, 1 read x[0], x[1]: 1*1 + 2*3 + 4*2 + 5*4
    assertArrayEquals(new long[] {35}, FixedSynapseReference.embedConv(em, x, 1));
  }

  @Test
  void referenceRejectsInputsOutsideTheLayerRange() {
    SynapticLayer l =
        layer("blocks.0.attn.proj", new int[] {1, 2}, new int[] {1, 1}, 0, 1, 4, 8, rnd());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FixedSynapseReference.accumulate(l, new long[] {0, 2}));
    assertEquals(
        "blocks.0.attn.proj: input 2 of channel 1 is outside 0..1", e.getMessage(), "message");
    assertThrows(
        IllegalArgumentException.class,
        () -> FixedSynapseReference.accumulate(l, new long[] {0, 1, 0}));
  }

  private static SplittableRandom rnd() {
    return new SplittableRandom(9);
  }

  /** The LIF inputs, collected without a LIF, and the counts of {@code sat_A}. */
  private static void checkCollected(Case c, long[][] reference, SplittableRandom r) {
    SaturationCounter ref = new SaturationCounter("ref");
    referenceX(c, ref);
    SaturationCounter fast = new SaturationCounter("fast");
    int steps = c.x().length;
    int out = c.layer().outputs();
    long[] all = new long[steps * out];
    run(c, r, fast, null, all);
    for (int t = 0; t < steps; t++) {
      long[] row = java.util.Arrays.copyOfRange(all, t * out, (t + 1) * out);
      assertArrayEquals(reference[t], row, c.label() + " X at step " + t);
    }
    assertEquals(ref.events(), fast.events(), c.label() + " events");
    assertEquals(ref.casts(), fast.casts(), c.label() + " casts");
  }

  /** The spikes, LIF inputs and membranes with the LIF fed step by step, and all counts. */
  private static void checkFused(Case c, long[][] reference, SplittableRandom r) {
    SynapticLayer l = c.layer();
    SaturationCounter ref = new SaturationCounter("ref");
    referenceX(c, ref);
    FixedLif.LifRun lif = FixedLif.run(reference, l.threshold(), l.membraneBits(), ref);
    SaturationCounter fast = new SaturationCounter("fast");
    int steps = c.x().length;
    FixedLif.State s = new FixedLif.State(l.threshold(), l.membraneBits(), steps, fast, true);
    run(c, r, fast, s, null);
    s.finish();
    int out = l.outputs();
    for (int t = 0; t < steps; t++) {
      for (int o = 0; o < out; o++) {
        int i = t * out + o;
        String where = c.label() + " step " + t + " channel " + o;
        assertEquals(reference[t][o], s.inputs[i], where + " X");
        assertEquals(lif.spikes()[t][o], s.spikes[i], where + " spike");
        assertEquals(lif.membranes()[t][o], s.membranes[i], where + " membrane");
      }
    }
    assertEquals(ref.events(), fast.events(), c.label() + " events");
    assertEquals(ref.casts(), fast.casts(), c.label() + " casts");
  }

  /** Runs the fast path on the case, with input bounds as the simulator would pass them. */
  private static void run(
      Case c, SplittableRandom r, SaturationCounter counter, FixedLif.State lif, long[] xAll) {
    long[][] x = c.x();
    int steps = x.length;
    int width = x[0].length;
    int[] flat = new int[steps * width];
    int max = 0;
    int min = 0;
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < width; i++) {
        int v = (int) x[t][i];
        flat[t * width + i] = v;
        max = Math.max(max, Math.abs(v));
        min = Math.min(min, v);
      }
    }
    boolean declared = r.nextBoolean();
    int bound = declared ? (int) Math.max(c.layer().inputHi(), -c.layer().inputLo()) : max;
    boolean nonNegative = declared ? c.layer().inputLo() >= 0 : min >= 0;
    StepEvents ev = r.nextBoolean() ? StepEvents.of(flat, steps, width) : null;
    LayerInput in = LayerInput.of(flat, steps, bound, nonNegative, c.kind() == Kind.MEL, ev);
    synapse(c).run(in, c.g(), counter, new OpCounts.Tally(), lif, xAll);
  }

  private static FixedSynapse synapse(Case c) {
    return switch (c.kind()) {
      case BINARY, RESIDUAL -> FixedSynapse.linear(c.layer());
      case COUNTS, MEL -> FixedSynapse.embed(c.layer());
      case DEPTHWISE -> FixedSynapse.depthwise(c.layer());
    };
  }

  private static long[][] referenceX(Case c, SaturationCounter counter) {
    return switch (c.kind()) {
      case BINARY, RESIDUAL -> FixedSynapseReference.pointwise(c.layer(), c.x(), c.g(), counter);
      case COUNTS, MEL -> FixedSynapseReference.embed(c.layer(), c.x(), c.g(), counter);
      case DEPTHWISE -> FixedSynapseReference.depthwise(c.layer(), c.x(), c.g(), counter);
    };
  }

  private static Case randomCase(Kind kind, SplittableRandom r, int n) {
    // one case in four has 16-bit weights of one sign and dense inputs near the top: the largest
    // sums
    boolean loud = r.nextInt(4) == 0;
    int weightBits = loud ? 16 : new int[] {2, 4, 8, 12, 16}[r.nextInt(5)];
    int g = new int[] {0, 1, 4, 8, 16}[r.nextInt(5)];
    int out = 1 + r.nextInt(20);
    int steps = 1 + r.nextInt(12);
    int[] shape;
    int width;
    switch (kind) {
      case COUNTS, MEL -> {
        width = loud ? 40 + r.nextInt(40) : 1 + r.nextInt(80);
        shape = new int[] {out, width, 3};
      }
      case DEPTHWISE -> {
        width = out;
        shape = new int[] {out, 1 + 2 * r.nextInt(5)};
      }
      default -> {
        width = 1 + r.nextInt(64);
        shape = new int[] {out, width};
      }
    }
    int size = 1;
    for (int s : shape) {
      size *= s;
    }
    int qmax = (1 << (weightBits - 1)) - 1;
    int[] w = new int[size];
    double zeros = loud ? 0 : r.nextDouble() * 0.5;
    for (int i = 0; i < size; i++) {
      w[i] = r.nextDouble() < zeros ? 0 : r.nextInt(loud ? qmax / 2 : -qmax, qmax + 1);
    }
    int accBits = accBits(shape, w, kind.lo, kind.hi);
    boolean narrow = r.nextInt(3) == 0;
    if (narrow) {
      accBits = Math.max(2, accBits - 1 - r.nextInt(8));
    }
    // a membrane that holds X when not narrowed (2 bits for the leak), or a narrower one
    int xBits = Math.min(60, accBits + g + 2);
    int membraneBits = narrow ? Math.max(4, xBits - r.nextInt(8)) : Math.min(62, xBits + 1);
    SynapticLayer l = layer("l" + n, shape, w, kind.lo, kind.hi, accBits, membraneBits, r);
    long[][] x = new long[steps][width];
    double density = loud ? 1 : r.nextDouble();
    for (long[] row : x) {
      for (int i = 0; i < width; i++) {
        if (r.nextDouble() < density) {
          row[i] = r.nextLong(loud ? kind.hi / 2 : kind.lo, kind.hi + 1);
        }
      }
    }
    String label =
        kind + " #" + n + " w" + weightBits + " g" + g + " A" + accBits + " M" + membraneBits;
    return new Case(kind, l, x, g, label);
  }

  /** The narrowest signed width holding every channel's sum for inputs in {@code lo .. hi}. */
  private static int accBits(int[] shape, int[] w, long lo, long hi) {
    int out = shape[0];
    int fanIn = w.length / out;
    long min = 0;
    long max = 0;
    for (int o = 0; o < out; o++) {
      long a = 0;
      long b = 0;
      for (int i = 0; i < fanIn; i++) {
        long q = w[o * fanIn + i];
        a += Math.min(q * lo, q * hi);
        b += Math.max(q * lo, q * hi);
      }
      min = Math.min(min, a);
      max = Math.max(max, b);
    }
    return FixedFormat.signedIntegerFor(min, max).totalBits();
  }

  private static SynapticLayer layer(
      String name,
      int[] shape,
      int[] w,
      long lo,
      long hi,
      int accBits,
      int membraneBits,
      SplittableRandom r) {
    int out = shape[0];
    long mMax = FixedFormat.signedInt(membraneBits).maxRaw();
    long[] bias = new long[out];
    long[] theta = new long[out];
    double[] scale = new double[out];
    for (int o = 0; o < out; o++) {
      bias[o] = r.nextLong(-mMax / 2, mMax / 2 + 1);
      theta[o] = r.nextLong(1, mMax + 1);
      scale[o] = 1.0;
    }
    return new SynapticLayer(
        name,
        name + "_lif",
        new IntTensor(shape, w),
        bias,
        theta,
        scale,
        lo,
        hi,
        accBits,
        membraneBits);
  }

  /** The exact sums of every step, before {@code sat_A}. */
  private static long[][] sums(Case c) {
    long[][] x = c.x();
    long[][] acc = new long[x.length][];
    for (int t = 0; t < x.length; t++) {
      acc[t] =
          switch (c.kind()) {
            case BINARY, RESIDUAL -> FixedSynapseReference.accumulate(c.layer(), x[t]);
            case COUNTS, MEL -> FixedSynapseReference.embedConv(c.layer(), x, t);
            case DEPTHWISE -> FixedSynapseReference.depthwiseConv(c.layer(), x, t);
          };
    }
    return acc;
  }

  private static long maxAbs(long[][] x) {
    long m = 0;
    for (long[] row : x) {
      for (long v : row) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  private static boolean saturates(Case c) {
    SaturationCounter counter = new SaturationCounter("s");
    referenceX(c, counter);
    return counter.events() > 0;
  }
}
