package org.spikescr.gen.ir;

/**
 * One scalar or vector port of a module.
 *
 * @param name Verilog identifier
 * @param direction input or output
 * @param width bits, at least 1
 * @param signed whether the value is two's complement
 */
public record Port(String name, Direction direction, int width, boolean signed) {

  /** Validates the width. */
  public Port {
    if (width < 1) {
      throw new IllegalArgumentException(
          "port " + name + ": width must be at least 1, got " + width);
    }
  }

  /** An unsigned input of {@code width} bits. */
  public static Port in(String name, int width) {
    return new Port(name, Direction.INPUT, width, false);
  }

  /** An unsigned output of {@code width} bits. */
  public static Port out(String name, int width) {
    return new Port(name, Direction.OUTPUT, width, false);
  }

  /** The same port renamed. */
  public Port renamed(String newName) {
    return new Port(newName, direction, width, signed);
  }
}
