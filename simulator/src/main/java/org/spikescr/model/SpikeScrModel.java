package org.spikescr.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A float SpikeSCR network: hyper-parameters, every parameter tensor under the authors' state_dict
 * name, and free-form provenance (data set, frames, epochs, seed, accuracy).
 *
 * <p>The constructor checks the tensors against {@link ParameterSchema}: every expected name is
 * present with its shape, nothing else is, every value is finite and no BatchNorm variance is
 * negative.
 */
public record SpikeScrModel(
    ModelConfig config, Map<String, Tensor> parameters, Map<String, String> provenance) {

  /** Validates and copies, keeping the schema's order. */
  public SpikeScrModel {
    List<ParameterSchema.Entry> schema = ParameterSchema.entries(config);
    Map<String, Tensor> ordered = new LinkedHashMap<>();
    for (ParameterSchema.Entry e : schema) {
      Tensor t = parameters.get(e.name());
      if (t == null) {
        throw new IllegalArgumentException("missing parameter " + e.name());
      }
      if (!Arrays.equals(t.shape(), e.shape())) {
        throw new IllegalArgumentException(
            "parameter "
                + e.name()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(e.shape()));
      }
      if (!t.allFinite()) {
        throw new IllegalArgumentException("parameter " + e.name() + " holds NaN or Inf");
      }
      if (e.name().endsWith("running_var") && !t.allAtLeast(0)) {
        throw new IllegalArgumentException("parameter " + e.name() + " holds a negative variance");
      }
      ordered.put(e.name(), t);
    }
    for (String name : parameters.keySet()) {
      if (!ordered.containsKey(name)) {
        throw new IllegalArgumentException("unexpected parameter " + name);
      }
    }
    parameters = Collections.unmodifiableMap(ordered);
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The tensor with the given state_dict name. */
  public Tensor tensor(String name) {
    Tensor t = parameters.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return t;
  }
}
