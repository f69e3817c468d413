package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.eval.FidelityCheck;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.Json;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.ModelInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr quantize}: folds BatchNorm, quantizes weights per output channel with integer
 * thresholds, sizes every accumulator and membrane from proven value ranges and writes a quantized
 * model file ({@code docs/fixed-point.md}, {@code docs/model-format.md}).
 */
@Command(
    name = "quantize",
    mixinStandardHelpOptions = true,
    description = {
      "Quantize a float model to integers (docs/fixed-point.md) and write a quantized model file.",
      "Widths come from value ranges proven from the integer weights; with --calib the result is",
      "also run on calibration data to report saturations and agreement with the float model."
    })
final class QuantizeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--model", required = true, description = "Float model file (.h5).")
  Path model;

  @Option(names = "--out", required = true, description = "Quantized model file to write.")
  Path out;

  @Option(
      names = "--weight-bits",
      description = "Signed weight width N, 4 to 16 (default 8).",
      defaultValue = "8")
  int weightBits;

  @Option(
      names = "--membrane-frac-bits",
      description = "Membrane fraction bits G, 0 to 16 (default 4).",
      defaultValue = "4")
  int membraneFracBits;

  @Option(
      names = "--max-time-steps",
      description = "Longest utterance in frames the design accepts (default 2 x the model's T).")
  int maxTimeSteps;

  @Option(names = "--calib", description = "Calibration dataset: report saturations and agreement.")
  Path calib;

  @Option(names = "--limit", description = "At most N calibration utterances (default all).")
  int limit;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    SpikeScrModel m = Models.readFloat(model);
    QuantSettings d = Models.settings(m, weightBits);
    QuantSettings s;
    try {
      s =
          new QuantSettings(
              d.weightBits(),
              membraneFracBits,
              d.scaleSpanBits(),
              maxTimeSteps > 0 ? maxTimeSteps : d.maxTimeSteps(),
              d.inputFormat(),
              d.ropeFracBits(),
              d.expTableLength(),
              d.expFracBits(),
              d.probFracBits());
    } catch (IllegalArgumentException e) {
      throw new org.spikescr.errors.InputException("options", "", e.getMessage(), e);
    }
    QuantizedModel q = Quantizer.quantize(m, s);
    Map<String, Object> calibration = null;
    if (calib != null) {
      ModelInputs in =
          ModelInputs.prepare(DatasetFile.read(calib), calib.toString(), m.config(), 0, limit);
      FidelityCheck.Report c;
      try (ProgressBar bar =
          new ProgressBar(spec.commandLine().getErr(), in.inputs().size(), "utterances", !quiet)) {
        c = FidelityCheck.run(m, q, in.inputs(), in.labels(), bar::update);
      }
      calibration = FidelityJson.of(c);
    }
    QuantizedModelFile.write(q, out);
    PrintWriter o = spec.commandLine().getOut();
    List<Map<String, Object>> layers = layers(q);
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("model", model.toString());
      root.put("out", out.toString());
      root.put("weight_bits", q.settings().weightBits());
      root.put("membrane_frac_bits", q.settings().membraneFracBits());
      root.put("max_time_steps", q.settings().maxTimeSteps());
      root.put("input_format", q.settings().inputFormat().toString());
      root.put("rope_frac_bits", q.settings().ropeFracBits());
      root.put("head_logit_bits", q.head().logitBits());
      root.put("layers", layers);
      if (calibration != null) {
        root.put("calibration", calibration);
      }
      o.println(Json.pretty(root));
      return ExitCodes.OK;
    }
    o.printf(
        "quantized %s -> %s: %d-bit weights, G = %d, T_max = %d, input %s%n",
        model,
        out,
        q.settings().weightBits(),
        q.settings().membraneFracBits(),
        q.settings().maxTimeSteps(),
        q.settings().inputFormat());
    printLayers(o, layers);
    if (calibration != null) {
      o.println("calibration on " + calib + ": " + calibration);
    }
    return ExitCodes.OK;
  }

  /** Prints the per-LIF-layer widths and largest threshold as a table. */
  static void printLayers(PrintWriter out, List<Map<String, Object>> layers) {
    out.printf("  %-40s %6s %6s %10s%n", "LIF layer", "acc", "memb", "max theta");
    for (Map<String, Object> l : layers) {
      out.printf(
          "  %-40s %6s %6s %10s%n",
          l.get("lif"),
          l.getOrDefault("acc_bits", "-"),
          l.get("membrane_bits"),
          l.get("max_threshold"));
    }
  }

  static List<Map<String, Object>> layers(QuantizedModel q) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SynapticLayer l : q.synapticLayers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", l.name());
      m.put("lif", l.lif());
      m.put("acc_bits", l.accBits());
      m.put("membrane_bits", l.membraneBits());
      long max = 0;
      for (long t : l.threshold()) {
        max = Math.max(max, t);
      }
      m.put("max_threshold", max);
      out.add(m);
    }
    for (QuantizedBlock b : q.blocks()) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      for (var t : List.of(a.qLif2(), a.kLif2(), a.attnLif())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("lif", t.name());
        m.put("membrane_bits", t.membraneBits());
        m.put("max_threshold", t.threshold());
        out.add(m);
      }
    }
    return out;
  }
}
