package org.spikescr.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * A generator that refuses NaN and infinities (JSON has neither; Jackson would write them as
 * strings) and writes integral doubles below 10^15 in plain notation with one decimal ({@code
 * 25.0}, {@code 12345678.0}), other doubles in Java's shortest round-trip form.
 */
final class FiniteNumberGenerator extends JsonGeneratorDelegate {
  private static final double PLAIN_LIMIT = 1e15;

  FiniteNumberGenerator(JsonGenerator g) {
    super(g, false);
  }

  @Override
  public void writeNumber(double v) throws IOException {
    requireFinite(v);
    if (v == Math.rint(v) && Math.abs(v) < PLAIN_LIMIT) {
      delegate.writeNumber((long) v + ".0");
    } else {
      delegate.writeNumber(v);
    }
  }

  @Override
  public void writeNumber(float v) throws IOException {
    requireFinite(v);
    delegate.writeNumber(v);
  }

  @Override
  public void writeArray(double[] array, int offset, int length) throws IOException {
    writeStartArray(array, length);
    for (int i = offset; i < offset + length; i++) {
      writeNumber(array[i]);
    }
    writeEndArray();
  }

  private void requireFinite(double v) {
    if (!Double.isFinite(v)) {
      throw new NonFiniteNumberException(v, path(getOutputContext()));
    }
  }

  /** The position being written, e.g. {@code $.layers[3].agreement}. */
  static String path(JsonStreamContext context) {
    StringBuilder b = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        // the innermost array has not counted the value being written yet
        int index = c == context ? c.getEntryCount() : c.getCurrentIndex();
        b.insert(0, "[" + index + "]");
      } else if (c.getCurrentName() != null) {
        b.insert(0, "." + c.getCurrentName());
      }
    }
    return b.insert(0, '$').toString();
  }
}
