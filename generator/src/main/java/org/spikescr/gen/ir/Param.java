package org.spikescr.gen.ir;

/**
 * A module parameter with its value, or an instance's parameter binding.
 *
 * @param name {@code UPPER_SNAKE} Verilog identifier
 * @param value integer value
 * @param comment one line saying what it means (units: bits, lanes, steps)
 */
public record Param(String name, long value, String comment) {

  /** Validates the spelling. */
  public Param {
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("parameter names are UPPER_SNAKE, got " + name);
    }
  }
}
