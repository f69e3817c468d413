package org.spikescr.gen.ir;

/**
 * A net declared inside a generated module, connecting the ports of its instances.
 *
 * @param name Verilog identifier
 * @param width bits, at least 1
 */
public record Wire(String name, int width) {

  /** Validates the width. */
  public Wire {
    if (width < 1) {
      throw new IllegalArgumentException(
          "wire " + name + ": width must be at least 1, got " + width);
    }
  }
}
