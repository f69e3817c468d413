package org.spikescr.gen.ir;

/**
 * A net declared inside a generated module, connecting the ports of its instances.
 *
 * @param name Verilog identifier
 * @param width bits, at least 1
 * @param driver an expression on other nets that drives it (a net declaration assignment), or empty
 *     when an instance output drives it
 */
public record Wire(String name, int width, String driver) {

  /** A net driven by an instance output. */
  public Wire(String name, int width) {
    this(name, width, "");
  }

  /** Validates the width. */
  public Wire {
    if (width < 1) {
      throw new IllegalArgumentException(
          "wire " + name + ": width must be at least 1, got " + width);
    }
    if (driver == null) {
      throw new IllegalArgumentException("wire " + name + ": driver must not be null");
    }
  }
}
