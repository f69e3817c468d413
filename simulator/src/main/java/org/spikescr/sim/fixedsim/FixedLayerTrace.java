package org.spikescr.sim.fixedsim;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one LIF layer of the fixed-point simulator saw and did over an utterance, in the layout its
 * LIF ran on (rows are steps, columns lanes; for the second query/key LIF in the {@code official}
 * layout that is the raw-reshape buffer of SPIKESCR.md 1.5.1).
 *
 * @param name layer name as SPIKESCR.md spells it, e.g. {@code blocks.0.attn.q_lif2}
 * @param input the LIF input X per step and lane, membrane units
 * @param spikes 0/1 output per step and lane
 * @param membrane membrane V after the step (0 after a spike), membrane units
 */
@SuppressWarnings(
    "ArrayRecordComponent") // shares its arrays (one per utterance); compared by value
public record FixedLayerTrace(String name, long[][] input, byte[][] spikes, long[][] membrane) {

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedLayerTrace t
        && name.equals(t.name)
        && Arrays.deepEquals(input, t.input)
        && Arrays.deepEquals(spikes, t.spikes)
        && Arrays.deepEquals(membrane, t.membrane);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        Arrays.deepHashCode(input),
        Arrays.deepHashCode(spikes),
        Arrays.deepHashCode(membrane));
  }

  @Override
  public String toString() {
    return "FixedLayerTrace[" + name + ", steps=" + spikes.length + "]";
  }
}
