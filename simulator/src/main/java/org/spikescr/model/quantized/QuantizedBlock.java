package org.spikescr.model.quantized;

/**
 * The quantized layers of one block ({@code MS_Block_Conv}).
 *
 * @param attention the spiking self-attention
 * @param mlp1 the first MLP
 * @param conv the gated depthwise convolution module
 * @param mlp2 the second MLP
 */
public record QuantizedBlock(
    QuantizedAttention attention, QuantizedMlp mlp1, QuantizedConvModule conv, QuantizedMlp mlp2) {

  /**
   * The attention layers.
   *
   * @param q query projection feeding {@code q_lif}
   * @param k key projection feeding {@code k_lif}
   * @param v value projection feeding {@code v_lif}
   * @param proj output projection feeding {@code proj_lif}
   * @param qLif2 the second query LIF, after RoPE
   * @param kLif2 the second key LIF, after RoPE
   * @param attnLif the LIF on {@code Y = A V} with threshold {@code 2^(G+2)}
   * @param yBits unsigned width of {@code Y} in bits
   * @param rope the RoPE table
   */
  public record QuantizedAttention(
      SynapticLayer q,
      SynapticLayer k,
      SynapticLayer v,
      SynapticLayer proj,
      ThresholdLif qLif2,
      ThresholdLif kLif2,
      ThresholdLif attnLif,
      int yBits,
      RopeTable rope) {}

  /**
   * The layers of one MLP.
   *
   * @param fc1 feeding {@code fc1_lif}
   * @param fc2 feeding {@code fc2_lif}
   */
  public record QuantizedMlp(SynapticLayer fc1, SynapticLayer fc2) {}

  /**
   * The layers of the convolution module.
   *
   * @param pw1 pointwise conv feeding {@code lif1}
   * @param dw depthwise conv, weight {@code (D, K)}, feeding {@code lif2}
   * @param value the first half of pw2, feeding {@code lif3} through the gate
   * @param gate the second half of pw2, feeding {@code gsu.lif1}
   * @param gsuProj the gate's Linear, feeding {@code gsu.lif2}
   */
  public record QuantizedConvModule(
      SynapticLayer pw1,
      SynapticLayer dw,
      SynapticLayer value,
      SynapticLayer gate,
      SynapticLayer gsuProj) {}
}
