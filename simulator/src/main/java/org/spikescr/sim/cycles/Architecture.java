package org.spikescr.sim.cycles;

import java.util.Locale;

/**
 * The hardware architecture a design is generated with ({@code spikescr generate --arch}); every
 * variant computes the same bits, they differ in cycles and resources ({@code docs/hardware.md}).
 */
public enum Architecture {
  /**
   * Every synaptic pass reads its buffer rows as it scans them: per step and group, two cycles to
   * read a row (per depthwise tap, per embedding tap), one per non-zero input, one to find the row
   * exhausted, one to close the step.
   */
  SEQUENTIAL,

  /**
   * The pointwise and depthwise passes use {@code event_source_pipelined}: a pointwise row is read
   * once per step and scanned for every group, one event per cycle; the depthwise convolution reads
   * one tap per cycle, a cycle ahead of its event. The attention scores every head of a key in one
   * cycle; the readout has one divider per class, behind a queue of the head's logits. The
   * embedding keeps the sequential source.
   */
  PIPELINED;

  /** The architecture of new designs. */
  public static final Architecture DEFAULT = PIPELINED;

  /** The name used on the command line and in a design's manifest. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The architecture named {@code key}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Architecture of(String key) {
    for (Architecture a : values()) {
      if (a.key().equals(key)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture \"" + key + "\": expected sequential or pipelined");
  }
}
