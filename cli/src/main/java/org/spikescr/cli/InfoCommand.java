package org.spikescr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.Json;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ParameterSchema;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikescr info MODEL}: hyper-parameters, parameter count and layer table of a model. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Show a model's hyper-parameters, parameter count and layer table.")
final class InfoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file (.h5).")
  Path model;

  @Override
  public Integer call() {
    if (Models.isQuantized(model)) {
      return quantizedInfo();
    }
    SpikeScrModel m = ModelFile.read(model);
    ModelConfig c = m.config();
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("d_model", c.dModel());
    hp.put("heads", c.heads());
    hp.put("head_dim", c.headDim());
    hp.put("depth", c.depth());
    hp.put("mlp_hidden", c.mlpHidden());
    hp.put("kernel_size", c.kernelSize());
    hp.put("classes", c.classes());
    hp.put("input_kind", c.inputKind().fileName());
    hp.put("input_channels", c.inputChannels());
    if (c.frameMs() > 0) {
      hp.put("frame_ms", c.frameMs());
    }
    if (c.hopSamples() > 0) {
      hp.put("hop_samples", c.hopSamples());
    }
    hp.put("time_steps", c.timeSteps());
    hp.put("qk_layout", c.qkLayout().fileName());
    List<Map<String, Object>> layers = new ArrayList<>();
    long total = 0;
    for (ParameterSchema.Entry e : ParameterSchema.entries(c)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", e.name());
      row.put("shape", e.shape());
      row.put("values", e.size());
      row.put("trainable", e.trainable());
      layers.add(row);
      total += e.size();
    }
    long trainable = ParameterSchema.trainableCount(c);
    var out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("model", model.toString());
      root.put("hyper_parameters", hp);
      root.put("trainable_parameters", trainable);
      root.put("all_values", total);
      root.put("provenance", m.provenance());
      root.put("layers", layers);
      out.println(Json.pretty(root));
      return ExitCodes.OK;
    }
    out.println("model: " + model);
    for (Map.Entry<String, Object> e : hp.entrySet()) {
      out.printf("  %-15s %s%n", e.getKey(), e.getValue());
    }
    out.printf(
        "  %-15s %,d (plus %,d non-trainable values)%n",
        "parameters", trainable, total - trainable);
    if (!m.provenance().isEmpty()) {
      out.println("provenance:");
      for (Map.Entry<String, String> e : m.provenance().entrySet()) {
        out.printf("  %-15s %s%n", e.getKey(), e.getValue());
      }
    }
    out.println("layers:");
    out.printf("  %-48s %-16s %10s%n", "tensor", "shape", "values");
    for (Map<String, Object> row : layers) {
      out.printf(
          "  %-48s %-16s %,10d%n",
          row.get("name"),
          java.util.Arrays.toString((int[]) row.get("shape")),
          (Long) row.get("values"));
    }
    return ExitCodes.OK;
  }

  private Integer quantizedInfo() {
    QuantizedModel q = QuantizedModelFile.read(model);
    List<Map<String, Object>> layers = QuantizeCommand.layers(q);
    var out = spec.commandLine().getOut();
    QuantSettings s = q.settings();
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("model", model.toString());
      root.put("kind", "quantized");
      root.put("d_model", q.config().dModel());
      root.put("heads", q.config().heads());
      root.put("depth", q.config().depth());
      root.put("classes", q.config().classes());
      root.put("qk_layout", q.config().qkLayout().fileName());
      root.put("weight_bits", s.weightBits());
      root.put("membrane_frac_bits", s.membraneFracBits());
      root.put("max_time_steps", s.maxTimeSteps());
      root.put("input_format", s.inputFormat().toString());
      root.put("rope_frac_bits", s.ropeFracBits());
      root.put("head_logit_bits", q.head().logitBits());
      root.put("provenance", q.provenance());
      root.put("layers", layers);
      out.println(Json.pretty(root));
      return ExitCodes.OK;
    }
    out.printf(
        "quantized model: %s%n  D %d, heads %d, depth %d, classes %d, qk layout %s%n",
        model,
        q.config().dModel(),
        q.config().heads(),
        q.config().depth(),
        q.config().classes(),
        q.config().qkLayout().fileName());
    out.printf(
        "  %d-bit weights, G = %d, T_max = %d, input %s, RoPE F_R = %d, head logits %d bits%n",
        s.weightBits(),
        s.membraneFracBits(),
        s.maxTimeSteps(),
        s.inputFormat(),
        s.ropeFracBits(),
        q.head().logitBits());
    QuantizeCommand.printLayers(out, layers);
    return ExitCodes.OK;
  }
}
