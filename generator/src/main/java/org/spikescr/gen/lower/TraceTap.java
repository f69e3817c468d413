package org.spikescr.gen.lower;

/**
 * A point of the whole design that a test bench records for the comparison with the golden model:
 * the output beats of a LIF core, the trace streams of an attention unit, or the head's logits.
 *
 * @param kind what is recorded
 * @param layer the model's name of the LIF layer (the golden trace's key), or of the block
 * @param prefix the Verilog prefix of the top-level nets of the point
 * @param lanes beat lanes P (a LIF core), head channels DH (attention), classes (logits)
 * @param groups channel groups (LIF), heads H (attention), 1 (logits)
 * @param membraneBits M of the LIF, M_QK (attention)
 * @param groupBits GW of the LIF beat, M_ATT (attention), the lane width XW (logits)
 * @param extra Y_BITS (attention), 0 otherwise
 * @param when a Verilog condition on the top's nets under which the point's beats belong to this
 *     layer (a unit shared by several layers), empty when they always do
 */
public record TraceTap(
    Kind kind,
    String layer,
    String prefix,
    int lanes,
    int groups,
    int membraneBits,
    int groupBits,
    int extra,
    String when) {

  /** What a tap records. */
  public enum Kind {
    /** {@code {ovf, V, S, g}} beats of a LIF core. */
    LIF,
    /** the {@code m_qk} and {@code m_ay} trace beats of a block's attention. */
    ATTENTION,
    /** the head's engine output, one beat of every class's logit per step. */
    LOGITS
  }

  static TraceTap lif(String layer, String prefix, int lanes, int groups, int m, int gw) {
    return new TraceTap(Kind.LIF, layer, prefix, lanes, groups, m, gw, 0, "");
  }

  /** The beats of a LIF core shared by several layers that belong to {@code layer}. */
  static TraceTap sharedLif(
      String layer, String prefix, int lanes, int groups, int m, int gw, String when) {
    return new TraceTap(Kind.LIF, layer, prefix, lanes, groups, m, gw, 0, when);
  }

  static TraceTap attention(AttentionParams a, String prefix) {
    int dh = a.channels() / a.heads();
    int yBits = LibraryUnits.clog2((long) a.maxSteps() * dh + 1);
    return new TraceTap(
        Kind.ATTENTION,
        a.block(),
        prefix,
        dh,
        a.heads(),
        a.qkMembraneBits(),
        a.attnMembraneBits(),
        yBits,
        "");
  }

  static TraceTap logits(int classes, int xw) {
    return new TraceTap(Kind.LOGITS, "head", "head", classes, 1, 0, xw, 0, "");
  }
}
