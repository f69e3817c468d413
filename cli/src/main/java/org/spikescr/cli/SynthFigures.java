package org.spikescr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.spikescr.errors.InputException;
import org.spikescr.json.JsonCodec;

/**
 * The figures of a {@code spikescr synth --json} result that {@code report} and {@code sweep} read
 * back, checked where they are read: a missing or mistyped field is an input error naming the
 * source and the field.
 *
 * @param design the design's name
 * @param part the part its budget was checked against
 * @param lut LUTs
 * @param ff flip-flops
 * @param bram36 36 Kb block RAMs
 * @param dsp DSP slices
 * @param logicDepth LUT levels between registers
 * @param fits whether it fits {@code part}
 */
record SynthFigures(
    String design,
    String part,
    long lut,
    long ff,
    double bram36,
    long dsp,
    int logicDepth,
    boolean fits) {

  /** The figures of the JSON file {@code file}. */
  static SynthFigures read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file.toString(), "", "cannot be read", e);
    }
    return parse(file.toString(), text);
  }

  /** The figures of JSON text {@code json}, named {@code source} in errors. */
  static SynthFigures parse(String source, String json) {
    Map<String, Object> m;
    try {
      m = JsonCodec.parseObject(json);
    } catch (RuntimeException e) {
      throw new InputException(source, "", "not a JSON result of spikescr synth --json", e);
    }
    return new SynthFigures(
        m.get("design") instanceof String d ? d : "",
        m.get("part") instanceof String p ? p : "",
        number(source, m, "lut").longValue(),
        number(source, m, "ff").longValue(),
        number(source, m, "bram36").doubleValue(),
        number(source, m, "dsp").longValue(),
        number(source, m, "logic_depth").intValue(),
        bool(source, m, "fits"));
  }

  private static Number number(String source, Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Number v)) {
      throw new InputException(source, key, "expected a number");
    }
    return v;
  }

  private static boolean bool(String source, Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof Boolean v)) {
      throw new InputException(source, key, "expected true or false");
    }
    return v;
  }
}
