package org.spikescr.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The project's JSON layout: two-space indentation, {@code "key": value}, one entry of an object
 * per line, arrays of scalars on one line ({@code [40, 140]}) and arrays of objects or arrays one
 * element per line. An array takes the layout of its first element.
 *
 * <p>Holds the open containers, so every generator needs its own instance.
 */
final class LayoutPrettyPrinter implements PrettyPrinter {
  private static final int INDENT = 2;

  /** Per open array: whether its elements go on lines of their own. */
  private final Deque<boolean[]> arrays = new ArrayDeque<>();

  private int depth;
  private boolean firstArrayValue;

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    beforeContainer(g);
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    depth--;
    if (entries > 0) {
      newline(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newline(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newline(g);
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    beforeContainer(g);
    g.writeRaw('[');
    depth++;
    arrays.push(new boolean[1]);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    firstArrayValue = false;
    depth--;
    boolean multiline = arrays.pop()[0];
    if (multiline && values > 0) {
      newline(g);
    }
    g.writeRaw(']');
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    firstArrayValue = false;
    if (arrays.element()[0]) {
      g.writeRaw(',');
      newline(g);
    } else {
      g.writeRaw(", ");
    }
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {
    firstArrayValue = true;
  }

  /** An object or array that is the first element of an array puts the array on lines. */
  private void beforeContainer(JsonGenerator g) throws IOException {
    if (firstArrayValue) {
      firstArrayValue = false;
      arrays.element()[0] = true;
      newline(g);
    }
  }

  private void newline(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
    for (int i = 0; i < INDENT * depth; i++) {
      g.writeRaw(' ');
    }
  }
}
