package org.spikescr.gen.pass;

import java.util.List;
import org.spikescr.gen.ir.HwDesign;

/** An analysis that finds problems in a design and changes nothing. */
public interface Check {

  /** Short name, for flow listings. */
  String name();

  /** Every problem found; empty when the design is sound. */
  List<Diagnostic> check(HwDesign design);
}
