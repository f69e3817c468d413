package org.spikescr.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads and writes JSON with jackson-jr in the project's layout ({@link LayoutPrettyPrinter}).
 *
 * <p>Writing accepts records (keys are the component names in snake case, in declaration order),
 * maps with string keys (in iteration order), lists, arrays, strings, numbers and booleans. A null
 * record component or map value is left out, so an optional key is a nullable component. NaN and
 * infinities are refused with a {@link NonFiniteNumberException} naming the position, and any other
 * type with an {@link IllegalArgumentException}. Reading is strict JSON: no NaN, no comments, no
 * trailing garbage; objects come back as insertion-ordered maps, arrays as lists, integers as
 * {@code Integer}, {@code Long} or {@code BigInteger} by size and other numbers as {@code Double}.
 */
public final class JsonCodec {
  private static final JSON JSON_RW =
      JSON.builder()
          .enable(
              JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER,
              JSON.Feature.FAIL_ON_UNKNOWN_TYPE_WRITE,
              JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
          .disable(JSON.Feature.USE_DEFERRED_MAPS, JSON.Feature.WRITE_NULL_PROPERTIES)
          .register(
              new JacksonJrExtension() {
                @Override
                protected void register(ExtensionContext ctx) {
                  ctx.insertModifier(new WritableTypes());
                }
              })
          .build();

  private JsonCodec() {}

  /** Writes a value in the project's indented layout, without a final newline. */
  public static String pretty(Object value) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON_RW.getStreamingFactory().createGenerator(w)) {
      g.setPrettyPrinter(new LayoutPrettyPrinter());
      JSON_RW.write(value, new FiniteNumberGenerator(g));
    } catch (IOException e) {
      throw unwrap(e);
    }
    return w.toString();
  }

  /**
   * Parses a JSON document.
   *
   * @throws IllegalArgumentException naming the line and column of the first error
   */
  public static Object parse(String text) {
    try (JsonParser p = JSON_RW.getStreamingFactory().createParser(text)) {
      Object v = JSON_RW.anyFrom(p);
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new IllegalArgumentException(
            "not valid JSON: text after the value"
                + location(
                    p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr()));
      }
      return v;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + problem(e) + location(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a JSON document whose top level must be an object.
   *
   * @throws IllegalArgumentException when it is not valid JSON or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "expected a JSON object at the top level, got "
              + (v == null ? "null" : "an array or value"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return m;
  }

  /** Jackson's message without its hint to enable a lenient feature, which we never do. */
  private static String problem(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    int hint = m.indexOf(": enable `");
    return hint > 0 ? m.substring(0, hint) : m;
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return location(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
  }

  private static String location(int line, int column) {
    return " (line " + line + ", column " + column + ")";
  }

  private static RuntimeException unwrap(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException iae) {
        return iae;
      }
    }
    return new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
  }
}
