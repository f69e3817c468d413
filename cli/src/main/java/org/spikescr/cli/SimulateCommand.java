package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spikescr.eval.Evaluation;
import org.spikescr.eval.EvaluationReport;
import org.spikescr.eval.FixedEvaluation;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantizedModel;
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
      "Simulate a model on a dataset and report its accuracy.",
      "Runs one utterance at a time and reports accuracy, the confusion matrix, the firing rate per LIF layer, synaptic operations and energy per inference."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin FrameOption frame;

  @Mixin LimitOption limit;

  @Mixin QuietOption quiet;

  @Option(names = "--model", required = true, description = "Model file (.h5).")
  Path model;

  @Option(
      names = "--mode",
      defaultValue = "float",
      description =
          "Simulator: ${COMPLETION-CANDIDATES}. float is the reference, fixed the integer golden"
              + " model of the hardware (a float model is quantized with the default settings"
              + " first). Default: ${DEFAULT-VALUE}.")
  SimulationMode mode;

  @Option(
      names = "--weight-bits",
      paramLabel = "N",
      converter = Converters.WeightBits.class,
      description = "Weight width when --mode fixed quantizes a float model (default 8).")
  Integer weightBits;

  @Option(
      names = "--precision",
      defaultValue = "double",
      description =
          "Float arithmetic: ${COMPLETION-CANDIDATES} (float32: LIF inputs rounded as PyTorch"
              + " does). Default: ${DEFAULT-VALUE}.")
  Precision precision;

  /** A simulator with the model's configuration and, in fixed mode, its saturation counts. */
  private record Simulator(
      Function<double[][], Inference> run,
      ModelConfig config,
      Map<String, Long> saturations,
      int maxTimeSteps) {}

  @Override
  public Integer call() {
    Simulator sim = simulator();
    ModelInputs in =
        ModelInputs.prepare(
            DatasetFile.read(data.data),
            data.data.toString(),
            sim.config(),
            frame.frameMs,
            limit.limit);
    if (sim.maxTimeSteps() > 0) {
      in.checkTimeSteps(sim.maxTimeSteps(), model.toString(), data.data.toString());
    }
    EvaluationReport r;
    try (ProgressBar bar = quiet.bar(spec, in.inputs().size(), "utterances")) {
      r = Evaluation.run(sim.run(), in.inputs(), in.labels(), sim.config().classes(), bar::update);
    }
    SimulateResult result =
        SimulateResult.of(
            model.toString(),
            data.data.toString(),
            mode,
            precision,
            in.framing(),
            r,
            sim.saturations());
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(out, result);
    } else {
      printText(out, result);
    }
    return ExitCodes.OK;
  }

  private Simulator simulator() {
    if (mode == SimulationMode.FIXED) {
      QuantizedModel q = Models.quantized(model, weightBits);
      Map<String, Long> saturations = new LinkedHashMap<>();
      return new Simulator(
          FixedEvaluation.simulator(q, saturations),
          q.config(),
          saturations,
          q.settings().maxTimeSteps());
    }
    SpikeScrModel m = Models.readFloat(model);
    return new Simulator(new FloatSimulator(m, precision.simulator())::run, m.config(), null, 0);
  }

  private static void printText(PrintWriter out, SimulateResult r) {
    out.printf("model %s on %s (%s, %s precision)%n", r.model(), r.data(), r.mode(), r.precision());
    if (r.frameMs() != null) {
      out.printf(
          "frames of %.4g ms%s, mean T = %.1f%n",
          r.frameMs(),
          r.windowS() > 0 ? " in a fixed " + r.windowS() + " s window" : "",
          r.meanTimeSteps());
    }
    int ok = (int) Math.round(r.accuracy() * r.samples());
    out.printf("accuracy %.2f %% (%d of %d)%n", 100 * r.accuracy(), ok, r.samples());
    out.println("confusion matrix (rows: true class, columns: predicted):");
    List<List<Long>> c = r.confusion();
    StringBuilder head = new StringBuilder("       ");
    for (int j = 0; j < c.size(); j++) {
      head.append(String.format("%5d", j));
    }
    out.println(head);
    for (int i = 0; i < c.size(); i++) {
      StringBuilder row = new StringBuilder(String.format("  %3d |", i));
      for (long v : c.get(i)) {
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
    out.printf("energy per inference: %.4f uJ%n", r.energyUj());
    for (String a : r.energyAssumptions()) {
      out.println("  " + a);
    }
    if (r.saturations() != null) {
      long total = r.saturations().values().stream().mapToLong(Long::longValue).sum();
      out.printf("saturation events: %d %s%n", total, total == 0 ? "" : r.saturations());
    }
  }
}
