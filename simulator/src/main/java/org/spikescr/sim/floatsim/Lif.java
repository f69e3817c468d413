package org.spikescr.sim.floatsim;

import java.util.Map;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.LayerTrace;
import org.spikescr.sim.OpCounts;

/**
 * The LIF neuron of SPIKESCR.md 3 over a whole sequence: {@code H = V - V/2 + X}, spike when {@code
 * H >= 1}, hard reset to 0, state 0 before the first step.
 */
final class Lif {
  private Lif() {}

  /**
   * Runs one LIF per lane over the steps (rows) of {@code x}, returning 0/1 spikes of the same
   * shape.
   *
   * @param name layer name for counts and traces
   * @param x input per step and lane
   * @param precision DOUBLE, or FLOAT32 to round every input to float32 and update in float32
   * @param tally receives the spike count
   * @param traces receives a {@link LayerTrace} when not null
   */
  static double[][] run(
      String name,
      double[][] x,
      FloatPrecision precision,
      OpCounts.Tally tally,
      Map<String, LayerTrace> traces) {
    int steps = x.length;
    int lanes = steps == 0 ? 0 : x[0].length;
    double[][] s = new double[steps][lanes];
    double[][] inputs = traces == null ? null : new double[steps][lanes];
    double[][] membranes = traces == null ? null : new double[steps][lanes];
    long spikes = 0;
    if (precision == FloatPrecision.FLOAT32) {
      float[] v = new float[lanes];
      for (int t = 0; t < steps; t++) {
        for (int l = 0; l < lanes; l++) {
          float xf = (float) x[t][l];
          float h = (v[l] - v[l] / 2f) + xf;
          if (h >= 1f) {
            s[t][l] = 1;
            v[l] = 0f;
            spikes++;
          } else {
            v[l] = h;
          }
          if (inputs != null) {
            inputs[t][l] = xf;
            membranes[t][l] = v[l];
          }
        }
      }
    } else {
      double[] v = new double[lanes];
      for (int t = 0; t < steps; t++) {
        for (int l = 0; l < lanes; l++) {
          double h = (v[l] - v[l] / 2) + x[t][l];
          if (h >= 1.0) {
            s[t][l] = 1;
            v[l] = 0;
            spikes++;
          } else {
            v[l] = h;
          }
          if (inputs != null) {
            inputs[t][l] = x[t][l];
            membranes[t][l] = v[l];
          }
        }
      }
    }
    tally.lif(name, spikes, (long) steps * lanes);
    if (traces != null) {
      byte[][] sb = new byte[steps][lanes];
      for (int t = 0; t < steps; t++) {
        for (int l = 0; l < lanes; l++) {
          sb[t][l] = (byte) s[t][l];
        }
      }
      traces.put(name, new LayerTrace(name, inputs, sb, membranes));
    }
    return s;
  }
}
