package org.spikescr.gen.verify;

import java.util.List;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.gen.lower.SynapseParams;
import org.spikescr.model.quantized.QuantizedModel;

/**
 * A safe upper bound of the cycles one utterance of {@code T} steps can take on the
 * layer-sequential design, from the work of each pass with every input non-zero, doubled: the
 * watchdog of a simulation, so a design that waits forever (a truncated input, a lost beat) ends
 * with a clear time-out instead of a hang.
 */
public final class CycleBound {
  private CycleBound() {}

  /** The bound for one utterance of {@code steps} frames. */
  public static long of(QuantizedModel q, HwOptions options, int steps) {
    long total = 0;
    List<SynapseParams> engines = LayerPlanner.synapses(q, options);
    for (SynapseParams e : engines) {
      // every event of every (step, group), plus the reads, flushes and sink cycles
      total += (long) steps * e.groups() * (e.rows() + 4L * 32 + 8);
    }
    int h = q.config().heads();
    total += (long) q.blocks().size() * (steps + (long) h * steps + (long) steps * steps * h + 64);
    int classes = q.config().classes();
    total += (long) steps * (q.config().dModel() + 8);
    total += (long) steps * (classes * (q.readout().probFracBits() + 3L) + 64);
    int frames = (q.config().inputChannels() + 7) / 8;
    total += (long) steps * frames;
    return 2 * total + 10_000;
  }
}
