package org.spikescr.json;

import com.fasterxml.jackson.jr.ob.api.ReaderWriterModifier;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.BeanPropertyIntrospector;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import com.fasterxml.jackson.jr.ob.impl.POJODefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types {@link JsonCodec} writes: records as objects whose keys are the components' names in
 * snake case ({@code energyUj} becomes {@code energy_uj}), in declaration order; strings, booleans,
 * numbers, maps, collections and arrays as Jackson writes them. Every other type is refused, also
 * those Jackson would turn into a string (a {@code File} as its absolute path, an enum as its
 * name): an unknown type is a programming error, never a silent string.
 */
final class WritableTypes extends ReaderWriterModifier {
  private static final Set<Class<?>> SCALARS =
      Set.of(
          String.class,
          Boolean.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          BigInteger.class,
          BigDecimal.class);

  @Override
  public ValueWriter overrideStandardValueWriter(JSONWriter writer, Class<?> type, int stdTypeId) {
    if (SCALARS.contains(type)
        || type.isPrimitive()
        || type.isArray()
        || Map.class.isAssignableFrom(type)
        || Collection.class.isAssignableFrom(type)) {
      return null;
    }
    throw refused(type);
  }

  private static IllegalArgumentException refused(Class<?> type) {
    return new IllegalArgumentException(
        "cannot write a "
            + type.getName()
            + " as JSON: only records, maps, collections, arrays, strings, numbers and booleans");
  }

  @Override
  public POJODefinition pojoDefinitionForSerialization(JSONWriter writer, Class<?> type) {
    if (!type.isRecord()) {
      throw refused(type);
    }
    POJODefinition def =
        BeanPropertyIntrospector.instance().pojoDefinitionForSerialization(writer, type);
    List<POJODefinition.Prop> renamed = new ArrayList<>();
    for (POJODefinition.Prop p : def.getProperties()) {
      renamed.add(
          new POJODefinition.Prop(
              snakeCase(p.name), p.name, p.field, p.setter, p.getter, p.isGetter, null));
    }
    return def.withProperties(renamed);
  }

  /** {@code minSpikeAgreement} to {@code min_spike_agreement}; digits stay attached. */
  static String snakeCase(String camel) {
    StringBuilder b = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
