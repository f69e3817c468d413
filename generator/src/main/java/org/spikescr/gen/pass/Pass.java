package org.spikescr.gen.pass;

import org.spikescr.gen.ir.HwDesign;

/** A transformation: takes a design and returns a new one; never prints, never mutates. */
public interface Pass {

  /** Short name, for flow listings and IR dumps. */
  String name();

  /** The transformed design. */
  HwDesign apply(HwDesign design);
}
