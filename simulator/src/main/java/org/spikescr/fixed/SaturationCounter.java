package org.spikescr.fixed;

/**
 * Counts the overflow events of the casts of one layer (or any other unit a simulator reports on).
 *
 * <p>Not thread-safe: one counter belongs to one simulation thread.
 */
public final class SaturationCounter {
  private final String name;
  private long events;
  private long casts;

  /** A counter with a report name such as {@code blocks.0.attn.q_lif}. */
  public SaturationCounter(String name) {
    this.name = name;
  }

  /** The report name. */
  public String name() {
    return name;
  }

  /** Records one cast and whether it overflowed. */
  public void record(boolean overflowed) {
    casts++;
    if (overflowed) {
      events++;
    }
  }

  /** Number of casts that overflowed. */
  public long events() {
    return events;
  }

  /** Number of casts recorded. */
  public long casts() {
    return casts;
  }

  @Override
  public String toString() {
    return name + ": " + events + " of " + casts + " casts overflowed";
  }
}
