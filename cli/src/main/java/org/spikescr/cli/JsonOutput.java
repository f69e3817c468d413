package org.spikescr.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.json.JsonCodec;

/** Writes a command's result record as JSON, and converts arrays to the lists results hold. */
final class JsonOutput {
  private JsonOutput() {}

  /** Prints the result as indented JSON and a newline. */
  static void print(PrintWriter out, Object result) {
    out.println(JsonCodec.pretty(result));
  }

  /** An unmodifiable copy that keeps the iteration order (unlike {@code Map.copyOf}). */
  static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  static List<Integer> list(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  static List<Long> list(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
