package org.spikescr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ParameterSchema;
import org.spikescr.model.SpikeScrModel;

/**
 * The result of {@code info} on a float model.
 *
 * @param model model file
 * @param hyperParameters the architecture
 * @param trainableParameters trainable values (the count the authors report)
 * @param allValues all stored values, BatchNorm statistics included
 * @param provenance free-form facts recorded with the model
 * @param layers one row per stored tensor
 */
record InfoResult(
    String model,
    HyperParameters hyperParameters,
    long trainableParameters,
    long allValues,
    Map<String, String> provenance,
    List<TensorRow> layers) {

  /** Copies. */
  InfoResult {
    provenance = JsonOutput.ordered(provenance);
    layers = List.copyOf(layers);
  }

  /**
   * A model's hyper-parameters; {@code frameMs} and {@code hopSamples} are null (left out) when the
   * model's input does not have them.
   */
  record HyperParameters(
      int dModel,
      int heads,
      int headDim,
      int depth,
      int mlpHidden,
      int kernelSize,
      int classes,
      String inputKind,
      int inputChannels,
      Double frameMs,
      Integer hopSamples,
      int timeSteps,
      String qkLayout) {}

  /** One stored tensor: name, shape, number of values, whether training changes it. */
  record TensorRow(String name, List<Integer> shape, long values, boolean trainable) {
    /** Copies. */
    TensorRow {
      shape = List.copyOf(shape);
    }
  }

  static InfoResult of(String file, SpikeScrModel m) {
    ModelConfig c = m.config();
    HyperParameters hp =
        new HyperParameters(
            c.dModel(),
            c.heads(),
            c.headDim(),
            c.depth(),
            c.mlpHidden(),
            c.kernelSize(),
            c.classes(),
            c.inputKind().fileName(),
            c.inputChannels(),
            c.frameMs() > 0 ? c.frameMs() : null,
            c.hopSamples() > 0 ? c.hopSamples() : null,
            c.timeSteps(),
            c.qkLayout().fileName());
    List<TensorRow> rows = new ArrayList<>();
    long total = 0;
    for (ParameterSchema.Entry e : ParameterSchema.entries(c)) {
      rows.add(new TensorRow(e.name(), JsonOutput.list(e.shape()), e.size(), e.trainable()));
      total += e.size();
    }
    return new InfoResult(file, hp, ParameterSchema.trainableCount(c), total, m.provenance(), rows);
  }
}
