package org.spikescr.gen.tools;

import java.util.List;

/**
 * The outcome of one external tool process.
 *
 * @param command the command line, program first
 * @param exitCode the process exit status ({@code -1} when it was killed on timeout)
 * @param timedOut whether the process ran past its time limit and was killed
 * @param output standard output and standard error, interleaved as written
 * @param seconds wall-clock seconds the process ran
 */
public record ToolRun(
    List<String> command, int exitCode, boolean timedOut, String output, double seconds) {

  /** Copies the command. */
  public ToolRun {
    command = List.copyOf(command);
  }

  /** Whether the process ended by itself with exit status 0. */
  public boolean ok() {
    return !timedOut && exitCode == 0;
  }

  /** The last {@code maxChars} characters of the output, for error messages. */
  public String tail(int maxChars) {
    return output.length() <= maxChars ? output : output.substring(output.length() - maxChars);
  }

  /** A one-paragraph description for a failure message: command, status and the output's tail. */
  public String describe() {
    String status = timedOut ? "timed out" : "exit " + exitCode;
    return String.join(" ", command) + " (" + status + ")\n" + tail(4000);
  }
}
