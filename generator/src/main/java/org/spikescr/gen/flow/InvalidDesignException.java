package org.spikescr.gen.flow;

import java.util.List;
import org.spikescr.gen.pass.Diagnostic;

/** A design failed its checks; the message lists every problem. */
public final class InvalidDesignException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // not serialized
  private final List<Diagnostic> diagnostics;

  InvalidDesignException(List<Diagnostic> diagnostics) {
    super("the design has " + diagnostics.size() + " problem(s):\n  " + join(diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The problems found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String join(List<Diagnostic> d) {
    StringBuilder s = new StringBuilder();
    for (Diagnostic x : d) {
      if (s.length() > 0) {
        s.append("\n  ");
      }
      s.append(x);
    }
    return s.toString();
  }
}
