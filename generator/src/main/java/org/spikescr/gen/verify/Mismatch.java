package org.spikescr.gen.verify;

/**
 * The first difference between the design and the fixed-point simulator.
 *
 * @param sample utterance index
 * @param layer the model's name of the layer (or {@code output}, {@code cycles})
 * @param step time step (or class index for scores), -1 where none applies
 * @param lane channel (or class), -1 where none applies
 * @param what the quantity: spike, membrane, group, y, logit, score, class, beats
 * @param expected the simulator's value
 * @param got the design's value
 */
public record Mismatch(
    int sample, String layer, int step, int lane, String what, String expected, String got) {}
