package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikescr.model.quantized.QuantSettings;

/** Options are checked once, when parsed: ranges, enums, mixins shared by the commands. */
class OptionsCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "17", "x"})
  void weightBitsOutsideTheSettingsRangeIsAUsageErrorInEveryCommand(String bits) {
    List<List<String>> commands =
        List.of(
            List.of("quantize", "--model", "m.h5", "--out", "q.h5", "--weight-bits", bits),
            List.of("simulate", "--model", "m.h5", "--data", "d.h5", "--weight-bits", bits),
            List.of("fidelity", "--model", "m.h5", "--data", "d.h5", "--weight-bits", "8," + bits));
    for (List<String> c : commands) {
      Run r = run(c.toArray(String[]::new));
      assertEquals(ExitCodes.BAD_INPUT, r.code(), c.toString());
      assertTrue(r.err().contains("--weight-bits"), r.err());
      if (!"x".equals(bits)) {
        assertTrue(r.err().contains("expected 4 to 16, got " + bits), r.err());
      }
    }
  }

  @Test
  void theCommandLineAcceptsExactlyTheSettingsRange() {
    Converters.WeightBits c = new Converters.WeightBits();
    assertEquals(QuantSettings.WEIGHT_BITS.min(), c.convert("4"));
    assertEquals(QuantSettings.WEIGHT_BITS.max(), c.convert("16"));
    assertEquals(0, new Converters.MembraneFracBits().convert("0"));
  }

  @Test
  void countsAndLengthsAreCheckedWhenParsed() {
    List<List<String>> bad =
        List.of(
            List.of("simulate", "--model", "m.h5", "--data", "d.h5", "--limit", "-1"),
            List.of("simulate", "--model", "m.h5", "--data", "d.h5", "--frame-ms", "0"),
            List.of("simulate", "--model", "m.h5", "--data", "d.h5", "--frame-ms", "NaN"),
            List.of("golden", "--model", "m.h5", "--data", "d.h5", "--out", "o", "--samples", "0"),
            List.of("quantize", "--model", "m.h5", "--out", "q.h5", "--membrane-frac-bits", "17"),
            List.of("quantize", "--model", "m.h5", "--out", "q.h5", "--max-time-steps", "0"),
            List.of("fsdd", "--threads", "0"),
            List.of("encode", "--frontend", "mel", "--hop", "0", "--out", "o.h5", "x.wav"));
    for (List<String> c : bad) {
      Run r = run(c.toArray(String[]::new));
      assertEquals(ExitCodes.BAD_INPUT, r.code(), c + "\n" + r.err());
      assertTrue(r.err().contains(c.get(c.size() - 2)) || r.err().contains("--hop"), r.err());
    }
  }

  @Test
  void enumOptionsListTheirValuesInHelpAndRejectOthers() {
    assertTrue(run("simulate", "--help").out().contains("float, fixed"));
    assertTrue(run("simulate", "--help").out().contains("double, float32"));
    assertTrue(run("conformance", "--help").out().contains("double, float32"));
    assertTrue(run("fsdd", "--help").out().contains("cochlea, mel"));
    Run r = run("simulate", "--model", "m.h5", "--data", "d.h5", "--precision", "half");
    assertEquals(ExitCodes.BAD_INPUT, r.code());
    assertTrue(r.err().contains("--precision"), r.err());
  }
}
