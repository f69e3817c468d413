package org.spikescr.gen.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.pass.Check;
import org.spikescr.gen.pass.Diagnostic;
import org.spikescr.gen.pass.LegalizeNames;
import org.spikescr.gen.pass.Pass;
import org.spikescr.gen.pass.ValidateDesign;

/**
 * A named, ordered list of passes followed by checks. Running it returns the final design or throws
 * {@link InvalidDesignException} listing every diagnostic; an optional observer sees the design
 * after every pass (for IR dumps).
 *
 * @param name the flow's name
 * @param passes transformations, in order
 * @param checks analyses run on the final design
 */
public record Flow(String name, List<Pass> passes, List<Check> checks) {

  /** Copies the lists. */
  public Flow {
    passes = List.copyOf(passes);
    checks = List.copyOf(checks);
  }

  /** The flow every design goes through before it is printed. */
  public static Flow standard() {
    return new Flow("standard", List.of(new LegalizeNames()), List.of(new ValidateDesign()));
  }

  /** Runs the flow. */
  public HwDesign run(HwDesign design) {
    return run(design, d -> {});
  }

  /** Runs the flow, showing {@code observer} the design after every pass. */
  public HwDesign run(HwDesign design, Consumer<HwDesign> observer) {
    HwDesign d = design;
    for (Pass p : passes) {
      d = p.apply(d);
      observer.accept(d);
    }
    List<Diagnostic> problems = new ArrayList<>();
    for (Check c : checks) {
      problems.addAll(c.check(d));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDesignException(problems);
    }
    return d;
  }
}
