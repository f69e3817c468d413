package org.spikescr.gen.tools;

/** An external hardware tool (Icarus Verilog, Verilator, Yosys) is not installed. */
public final class ToolMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The Debian command that installs every tool the hardware flow uses. */
  public static final String INSTALL = "apt-get install -y iverilog verilator yosys";

  ToolMissingException(String program) {
    super(program + " was not found on the PATH; install the hardware tools with: " + INSTALL);
  }
}
