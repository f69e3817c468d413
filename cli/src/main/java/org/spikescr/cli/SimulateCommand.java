package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spikescr.data.Dataset;
import org.spikescr.errors.InputException;
import org.spikescr.eval.Evaluation;
import org.spikescr.eval.EvaluationReport;
import org.spikescr.eval.FixedEvaluation;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.Json;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.EnergyModel;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.floatsim.FloatSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr simulate}: runs a model over a dataset and reports accuracy, confusion, firing
 * rates, synaptic operations and energy.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a model on a dataset, one utterance at a time, and report accuracy, the confusion",
      "matrix, firing rate per LIF layer, synaptic operations and energy per inference."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--model", required = true, description = "Model file (.h5).")
  Path model;

  @Option(names = "--data", required = true, description = "Dataset file (.h5), either layout.")
  Path data;

  @Option(
      names = "--mode",
      defaultValue = "float",
      description =
          "Simulator: float (reference) or fixed (the integer golden model of the hardware; a float"
              + " model is quantized with the default settings first). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(
      names = "--weight-bits",
      description = "Weight width when --mode fixed quantizes a float model (default 8).")
  int weightBits;

  @Option(
      names = "--precision",
      defaultValue = "double",
      description =
          "Float arithmetic: double, or float32 (LIF inputs rounded as PyTorch does)."
              + " Default: ${DEFAULT-VALUE}.")
  String precision;

  @Option(
      names = "--frame-ms",
      description = "Frame length in ms (spike data); default: the model's own.")
  double frameMs;

  @Option(names = "--limit", description = "Simulate at most N utterances (first N).")
  int limit;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new InputException("--limit", "", "expected a non-negative count, got " + limit);
    }
    if (frameMs < 0 || !Double.isFinite(frameMs)) {
      throw new InputException(
          "--frame-ms", "", "expected a positive frame length, got " + frameMs);
    }
    Function<double[][], Inference> sim;
    ModelConfig config;
    Map<String, Long> saturations = null;
    if ("fixed".equals(mode)) {
      QuantizedModel q = Models.quantized(model, weightBits);
      config = q.config();
      saturations = new LinkedHashMap<>();
      sim = FixedEvaluation.simulator(q, saturations);
    } else {
      SpikeScrModel m = Models.readFloat(model);
      config = m.config();
      sim = simulator(m);
    }
    Dataset d = DatasetFile.read(data);
    ModelInputs in = ModelInputs.prepare(d, data.toString(), config, frameMs, limit);
    EvaluationReport r;
    try (ProgressBar bar =
        new ProgressBar(spec.commandLine().getErr(), in.inputs().size(), "utterances", !quiet)) {
      r = Evaluation.run(sim, in.inputs(), in.labels(), config.classes(), bar::update);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> root = json(r, in);
      if (saturations != null) {
        root.put("saturations", saturations);
      }
      out.println(Json.pretty(root));
    } else {
      printText(out, r, in);
      if (saturations != null) {
        long total = saturations.values().stream().mapToLong(Long::longValue).sum();
        out.printf("saturation events: %d %s%n", total, total == 0 ? "" : saturations.toString());
      }
    }
    return ExitCodes.OK;
  }

  private Function<double[][], Inference> simulator(SpikeScrModel m) {
    if (!"float".equals(mode)) {
      throw new InputException("--mode", "", "expected 'float' or 'fixed', got '" + mode + "'");
    }
    FloatPrecision p =
        switch (precision) {
          case "double" -> FloatPrecision.DOUBLE;
          case "float32" -> FloatPrecision.FLOAT32;
          default ->
              throw new InputException(
                  "--precision", "", "expected 'double' or 'float32', got '" + precision + "'");
        };
    return new FloatSimulator(m, p)::run;
  }

  private Map<String, Object> json(EvaluationReport r, ModelInputs in) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", model.toString());
    root.put("data", data.toString());
    root.put("mode", mode);
    root.put("precision", "fixed".equals(mode) ? "integer" : precision);
    if (in.framing() != null) {
      root.put("frame_ms", in.framing().frameMs());
      root.put("window_s", in.framing().windowS());
    }
    root.put("samples", r.samples());
    root.put("accuracy", r.accuracy());
    root.put("predictions", r.predictions());
    root.put("labels", r.labels());
    root.put("scores", r.scores());
    root.put("confusion", r.confusion());
    root.put("firing_rates", r.firingRates());
    root.put("mean_time_steps", r.meanTimeSteps());
    root.put("sops", r.sops());
    root.put("macs", r.macs());
    root.put("attention_ops", r.attentionOps());
    root.put("energy_uj", r.energyMicrojoules());
    root.put("energy_assumptions", EnergyModel.ASSUMPTIONS);
    return root;
  }

  private void printText(PrintWriter out, EvaluationReport r, ModelInputs in) {
    out.printf("model %s on %s (%s, %s precision)%n", model, data, mode, precision);
    if (in.framing() != null) {
      out.printf(
          "frames of %.4g ms%s, mean T = %.1f%n",
          in.framing().frameMs(),
          in.framing().windowS() > 0 ? " in a fixed " + in.framing().windowS() + " s window" : "",
          r.meanTimeSteps());
    }
    int ok = (int) Math.round(r.accuracy() * r.samples());
    out.printf("accuracy %.2f %% (%d of %d)%n", 100 * r.accuracy(), ok, r.samples());
    out.println("confusion matrix (rows: true class, columns: predicted):");
    long[][] c = r.confusion();
    StringBuilder head = new StringBuilder("       ");
    for (int j = 0; j < c.length; j++) {
      head.append(String.format("%5d", j));
    }
    out.println(head);
    for (int i = 0; i < c.length; i++) {
      StringBuilder row = new StringBuilder(String.format("  %3d |", i));
      for (long v : c[i]) {
        row.append(String.format("%5d", v));
      }
      out.println(row);
    }
    out.println("firing rate per LIF layer (spikes per neuron and step):");
    for (Map.Entry<String, Double> e : r.firingRates().entrySet()) {
      out.printf("  %-40s %.4f%n", e.getKey(), e.getValue());
    }
    out.printf("synaptic accumulates per inference:  %,.0f%n", r.sops());
    out.printf("multiply-accumulates per inference:  %,.0f%n", r.macs());
    out.printf(
        "attention accumulates per inference: %,.0f (not in the energy)%n", r.attentionOps());
    out.printf("energy per inference: %.4f uJ%n", r.energyMicrojoules());
    for (String a : EnergyModel.ASSUMPTIONS) {
      out.println("  " + a);
    }
  }
}
