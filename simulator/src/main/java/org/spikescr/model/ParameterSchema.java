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
    out.add(new Entry("spike_embed.conv.weight", new int[] {d, c.inputChannels(), 3}, true));
    out.add(new Entry("spike_embed.conv.bias", new int[] {d}, true));
    batchNorm(out, "spike_embed.bn", d);
    for (int i = 0; i < c.depth(); i++) {
      String b = "blocks." + i + ".";
      for (String p : new String[] {"q", "k", "v"}) {
        linear(out, b + "attn." + p + "_conv", d, d, true);
        batchNorm(out, b + "attn." + p + "_bn", d);
      }
      linear(out, b + "attn.proj_conv", d, d, true);
      batchNorm(out, b + "attn.proj_bn", d);
      out.add(new Entry(b + "attn.rotary_emb.freqs", new int[] {c.headDim() / 2}, false));
      for (String m : new String[] {"mlp1", "mlp2"}) {
        linear(out, b + m + ".fc1_conv", f, d, false);
        batchNorm(out, b + m + ".fc1_bn", f);
        linear(out, b + m + ".fc2_conv", d, f, false);
        batchNorm(out, b + m + ".fc2_bn", d);
      }
      String cm = b + "conformer_module.";
      out.add(new Entry(cm + "pw1.conv.weight", new int[] {d, d, 1}, true));
      out.add(new Entry(cm + "pw1.conv.bias", new int[] {d}, true));
      batchNorm(out, cm + "bn1", d);
      out.add(new Entry(cm + "dw.conv.weight", new int[] {d, 1, c.kernelSize()}, true));
      batchNorm(out, cm + "bn2", d);
      out.add(new Entry(cm + "pw2.conv.weight", new int[] {2 * d, d, 1}, true));
      out.add(new Entry(cm + "pw2.conv.bias", new int[] {2 * d}, true));
      batchNorm(out, cm + "bn3", 2 * d);
      linear(out, cm + "gsu.proj_conv", d, d, true);
      batchNorm(out, cm + "gsu.proj_bn", d);
    }
    out.add(new Entry("head.weight", new int[] {c.classes(), d}, true));
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

  private static void linear(List<Entry> out, String name, int outF, int inF, boolean bias) {
    out.add(new Entry(name + ".weight", new int[] {outF, inF}, true));
    if (bias) {
      out.add(new Entry(name + ".bias", new int[] {outF}, true));
    }
  }

  private static void batchNorm(List<Entry> out, String name, int n) {
    out.add(new Entry(name + ".weight", new int[] {n}, true));
    out.add(new Entry(name + ".bias", new int[] {n}, true));
    out.add(new Entry(name + ".running_mean", new int[] {n}, false));
    out.add(new Entry(name + ".running_var", new int[] {n}, false));
  }
}
