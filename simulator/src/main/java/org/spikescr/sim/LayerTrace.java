package org.spikescr.sim;

import java.util.Arrays;

/**
 * What one LIF layer saw and did over an utterance, in the layout its LIF ran on: rows are the
 * LIF's steps, columns its lanes. For every layer but the second query/key LIF in the {@code
 * official} layout that is {@code [t][channel]}; there it is the authors' raw-reshape buffer
 * (SPIKESCR.md 1.5.1).
 *
 * <p>The arrays are handed over, not copied (one trace per layer and utterance); equality, hash
 * code and text compare and show their contents.
 *
 * @param name layer name as {@code model.named_modules()} spells it
 * @param input the LIF input X per step and lane
 * @param spikes 0/1 output per step and lane
 * @param membrane membrane V after the step (after the reset of a spiking neuron)
 */
@SuppressWarnings("ArrayRecordComponent") // compared by value below
public record LayerTrace(String name, double[][] input, byte[][] spikes, double[][] membrane) {

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerTrace t
        && name.equals(t.name)
        && Arrays.deepEquals(input, t.input)
        && Arrays.deepEquals(spikes, t.spikes)
        && Arrays.deepEquals(membrane, t.membrane);
  }

  @Override
  public int hashCode() {
    int h = name.hashCode();
    h = h * 31 + Arrays.deepHashCode(input);
    h = h * 31 + Arrays.deepHashCode(spikes);
    return h * 31 + Arrays.deepHashCode(membrane);
  }

  @Override
  public String toString() {
    int lanes = spikes.length == 0 ? 0 : spikes[0].length;
    return "LayerTrace[" + name + ", " + spikes.length + " steps x " + lanes + " lanes]";
  }
}
