package org.spikescr.model;

/**
 * The range rule of the residual stream ({@code docs/fixed-point.md} 2.2 and 6): the embedding's
 * spikes are 0/1, and each of the four sub-blocks of a block adds its output spikes (0 or 1), so
 * the input of sub-block {@code s} of block {@code i} lies in {@code 0 .. 1 + 4i + s} and the head
 * sees {@code 0 .. 1 + 4 depth}. The quantizer derives the layers' input ranges from it and the
 * simulator the bounds of its fast path; the additions are exact and never saturate.
 */
public final class ResidualStream {
  private ResidualStream() {}

  /** Spikes added to every position of the stream by one block. */
  public static final int ADDS_PER_BLOCK = 4;

  /** The sub-blocks of a block in forward order; each reads the stream and adds its spikes. */
  public enum Stage {
    /** Attention, reads {@code X0}. */
    ATTENTION(0),
    /** The first MLP, reads {@code X1}. */
    MLP1(1),
    /** The convolution module, reads {@code X2}. */
    CONV(2),
    /** The second MLP, reads {@code X3}. */
    MLP2(3);

    private final int added;

    Stage(int added) {
      this.added = added;
    }

    /** Sub-blocks of the same block before this one: spikes already added within the block. */
    public int added() {
      return added;
    }
  }

  /**
   * The largest value that sub-block {@code stage} of block {@code block} reads: {@code 1 + 4i +
   * s}.
   */
  public static int inputMax(int block, Stage stage) {
    return maxAfter(block) + stage.added();
  }

  /**
   * The largest value after {@code blocks} blocks: {@code 1 + 4 blocks} (the head's input at
   * depth).
   */
  public static int maxAfter(int blocks) {
    if (blocks < 0 || blocks > (Integer.MAX_VALUE - 1) / ADDS_PER_BLOCK - 1) {
      throw new IllegalArgumentException("block count out of range: " + blocks);
    }
    return 1 + ADDS_PER_BLOCK * blocks;
  }

  /** The unsigned width R of the stream at depth {@code depth}: {@code ceil(log2(2 + 4 depth))}. */
  public static int bits(int depth) {
    return 32 - Integer.numberOfLeadingZeros(maxAfter(depth));
  }
}
