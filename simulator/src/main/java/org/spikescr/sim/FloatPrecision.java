package org.spikescr.sim;

/** Arithmetic of the float simulator. */
public enum FloatPrecision {
  /** Everything in double precision. */
  DOUBLE,
  /**
   * Conformance mode: affine parts in double, then every LIF input rounded to float32 and the LIF
   * itself, and the RoPE table and rotation, computed in float32 as PyTorch does. This reproduces
   * threshold-edge spikes of the authors' float32 code.
   */
  FLOAT32
}
