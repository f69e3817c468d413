package org.spikescr.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The parameter tensors a SpikeSCR network of a given configuration has, with the authors'
 * state_dict names and shapes (SPIKESCR.md 1.12).
 *
 * <p>BatchNorm layers contribute {@code weight, bias, running_mean, running_var}; the bookkeeping
 * counter {@code num_batches_tracked} is not a parameter of inference and is not listed.
 */
public final class ParameterSchema {

  /** One expected tensor. */
  @SuppressWarnings("ArrayRecordComponent") // shape is copied and compared by value
  public record Entry(String name, int[] shape, boolean trainable) {
    /** Copies the shape. */
    public Entry {
      shape = shape.clone();
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }

    /** Number of values. */
    public long size() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e
          && name.equals(e.name)
          && Arrays.equals(shape, e.shape)
          && trainable == e.trainable;
    }

    @Override
    public int hashCode() {
      return (name.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Boolean.hashCode(trainable);
    }

    @Override
    public String toString() {
      return "Entry[" + name + " " + Arrays.toString(shape) + (trainable ? "" : ", buffer") + "]";
    }
  }

  private ParameterSchema() {}

  /** Every tensor of the network, in forward order. */
  public static List<Entry> entries(ModelConfig c) {
    List<Entry> out = new ArrayList<>();
    int d = c.dModel();
    int f = c.mlpHidden();
    LayerNames.Synapse e = LayerNames.EMBEDDING;
    out.add(new Entry(e.weight(), new int[] {d, c.inputChannels(), 3}, true));
    out.add(new Entry(e.bias(), new int[] {d}, true));
    batchNorm(out, e.batchNorm(), d);
    for (int i = 0; i < c.depth(); i++) {
      LayerNames.Block n = LayerNames.block(i);
      for (LayerNames.Synapse a : List.of(n.q(), n.k(), n.v(), n.proj())) {
        linear(out, a, d, d, true);
      }
      out.add(new Entry(n.ropeFrequencies(), new int[] {c.headDim() / 2}, false));
      for (LayerNames.Mlp m : List.of(n.mlp1(), n.mlp2())) {
        linear(out, m.fc1(), f, d, false);
        linear(out, m.fc2(), d, f, false);
      }
      LayerNames.Synapse pw1 = n.pw1();
      out.add(new Entry(pw1.weight(), new int[] {d, d, 1}, true));
      out.add(new Entry(pw1.bias(), new int[] {d}, true));
      batchNorm(out, pw1.batchNorm(), d);
      out.add(new Entry(n.dw().weight(), new int[] {d, 1, c.kernelSize()}, true));
      batchNorm(out, n.dw().batchNorm(), d);
      // pw2 and bn3 hold both halves: value (channels 0 .. D-1) and gate (D .. 2D-1)
      LayerNames.Synapse pw2 = n.value();
      out.add(new Entry(pw2.weight(), new int[] {2 * d, d, 1}, true));
      out.add(new Entry(pw2.bias(), new int[] {2 * d}, true));
      batchNorm(out, pw2.batchNorm(), 2 * d);
      linear(out, n.gsuProj(), d, d, true);
    }
    out.add(new Entry(LayerNames.HEAD + ".weight", new int[] {c.classes(), d}, true));
    return Collections.unmodifiableList(out);
  }

  /** Number of trainable values (BatchNorm running statistics and RoPE frequencies excluded). */
  public static long trainableCount(ModelConfig c) {
    long n = 0;
    for (Entry e : entries(c)) {
      if (e.trainable()) {
        n += e.size();
      }
    }
    return n;
  }

  /** A Linear module (weight, optional bias) followed by its BatchNorm. */
  private static void linear(
      List<Entry> out, LayerNames.Synapse l, int outF, int inF, boolean bias) {
    out.add(new Entry(l.weight(), new int[] {outF, inF}, true));
    if (bias) {
      out.add(new Entry(l.bias(), new int[] {outF}, true));
    }
    batchNorm(out, l.batchNorm(), outF);
  }

  private static void batchNorm(List<Entry> out, String name, int n) {
    out.add(new Entry(name + ".weight", new int[] {n}, true));
    out.add(new Entry(name + ".bias", new int[] {n}, true));
    out.add(new Entry(name + ".running_mean", new int[] {n}, false));
    out.add(new Entry(name + ".running_var", new int[] {n}, false));
  }
}
