package org.spikescr.gen.ir;

/** Direction of a port, seen from inside the module. */
public enum Direction {
  /** Driven from outside. */
  INPUT,
  /** Driven by the module. */
  OUTPUT;

  /** The Verilog keyword. */
  public String keyword() {
    return this == INPUT ? "input" : "output";
  }
}
