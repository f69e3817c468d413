package org.spikescr.rtl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikescr.gen.tools.ToolRun;

/**
 * What a unit test bench reported (the conventions of {@code tb_common.vh}).
 *
 * @param simulator the simulator's name
 * @param finished whether the bench printed its RESULT line (no timeout, no crash)
 * @param beats output beats compared
 * @param mismatches wrong, lost, extra or reordered beats plus handshake violations
 * @param cycles clock cycles the bench ran
 * @param mismatchLines the first MISMATCH lines
 * @param run the simulation process
 */
public record BenchResult(
    String simulator,
    boolean finished,
    long beats,
    long mismatches,
    long cycles,
    List<String> mismatchLines,
    ToolRun run) {
  private static final Pattern RESULT =
      Pattern.compile("^RESULT beats=(\\d+) mismatches=(\\d+) cycles=(\\d+)\\s*$");

  /** Copies the lines. */
  public BenchResult {
    mismatchLines = List.copyOf(mismatchLines);
  }

  /** Parses the output of one run. */
  public static BenchResult parse(String simulator, ToolRun run) {
    boolean finished = false;
    long beats = 0;
    long mismatches = 0;
    long cycles = 0;
    long protocol = 0;
    List<String> lines = new ArrayList<>();
    for (String line : run.output().split("\n", -1)) {
      Matcher m = RESULT.matcher(line);
      if (m.matches()) {
        finished = true;
        beats = Long.parseLong(m.group(1));
        mismatches = Long.parseLong(m.group(2));
        cycles = Long.parseLong(m.group(3));
      } else if (line.startsWith("MISMATCH")) {
        if (line.startsWith("MISMATCH protocol")) {
          protocol++;
        }
        if (lines.size() < 10) {
          lines.add(line);
        }
      }
    }
    return new BenchResult(
        simulator, finished && run.ok(), beats, mismatches + protocol, cycles, lines, run);
  }

  /** Whether every expected beat arrived, right and in order, with no violation. */
  public boolean clean(long expectedBeats) {
    return finished && mismatches == 0 && beats == expectedBeats;
  }

  /** A description for an assertion message. */
  public String describe() {
    return simulator
        + ": finished="
        + finished
        + " beats="
        + beats
        + " mismatches="
        + mismatches
        + " cycles="
        + cycles
        + "\n"
        + String.join("\n", mismatchLines)
        + "\n--- log tail ---\n"
        + run.tail(3000);
  }
}
