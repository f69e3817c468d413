package org.spikescr.gen.ir;

/** Where a module's Verilog comes from. */
public enum ModuleKind {
  /**
   * A hand-written, parameterized library module, copied verbatim from {@code templates/static}.
   */
  LIBRARY,
  /** A module printed from a FreeMarker template for this design. */
  GENERATED
}
