package org.spikescr.cli;

/** Exit codes of every command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** A check failed: a mismatch, an accuracy below a bar. */
  public static final int CHECK_FAILED = 1;

  /** Bad input or usage. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
