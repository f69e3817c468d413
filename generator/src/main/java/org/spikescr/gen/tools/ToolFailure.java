package org.spikescr.gen.tools;

/** An external tool ran and failed: the message carries its command, status and output tail. */
public final class ToolFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The run that failed. */
  @SuppressWarnings("serial") // not serialized
  private final ToolRun run;

  /** A failure of {@code run}, described as {@code what}. */
  public ToolFailure(String what, ToolRun run) {
    super(what + ": " + run.describe());
    this.run = run;
  }

  /** The failed run. */
  public ToolRun run() {
    return run;
  }
}
