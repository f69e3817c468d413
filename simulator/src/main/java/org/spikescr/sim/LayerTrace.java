package org.spikescr.sim;

/**
 * What one LIF layer saw and did over an utterance, in the layout its LIF ran on: rows are the
 * LIF's steps, columns its lanes. For every layer but the second query/key LIF in the {@code
 * official} layout that is {@code [t][channel]}; there it is the authors' raw-reshape buffer
 * (SPIKESCR.md 1.5.1).
 *
 * @param name layer name as {@code model.named_modules()} spells it
 * @param input the LIF input X per step and lane
 * @param spikes 0/1 output per step and lane
 * @param membrane membrane V after the step (after the reset of a spiking neuron)
 */
public record LayerTrace(String name, double[][] input, byte[][] spikes, double[][] membrane) {}
