package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.spikescr.eval.FidelityCheck;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.ModelInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr fidelity}: quantizes a float model at several weight widths and compares each
 * with the float model on a dataset: accuracy, label agreement, spike agreement per LIF layer and
 * saturation events.
 */
@Command(
    name = "fidelity",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the fixed-point model with the float model at several weight widths.",
      "Reports accuracy, label agreement, spike agreement per LIF layer and saturation events as a Markdown table."
    })
final class FidelityCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin LimitOption limit;

  @Mixin QuietOption quiet;

  @Option(names = "--model", required = true, description = "Float model file (.h5).")
  Path model;

  @Option(
      names = "--weight-bits",
      paramLabel = "N",
      split = ",",
      defaultValue = "4,6,8,10,12,16",
      converter = Converters.WeightBits.class,
      description = "Weight widths to compare (default ${DEFAULT-VALUE}).")
  List<Integer> widths;

  @Override
  public Integer call() {
    SpikeScrModel m = Models.readFloat(model);
    ModelInputs in =
        ModelInputs.prepare(
            DatasetFile.read(data.data), data.data.toString(), m.config(), 0, limit.limit);
    in.checkTimeSteps(
        Models.settings(m, null).maxTimeSteps(), model.toString(), data.data.toString());
    List<FidelityResult.Width> rows = new ArrayList<>();
    for (int w : widths) {
      rows.add(FidelityResult.Width.of(w, compare(m, in, w)));
    }
    FidelityResult result = new FidelityResult(model.toString(), data.data.toString(), rows);
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(out, result);
    } else {
      printTable(out, result);
    }
    return ExitCodes.OK;
  }

  private FidelityFigures compare(SpikeScrModel m, ModelInputs in, int weightBits) {
    QuantizedModel q = Quantizer.quantize(m, Models.settings(m, weightBits));
    try (ProgressBar bar = quiet.bar(spec, in.inputs().size(), weightBits + "-bit weights")) {
      return FidelityFigures.of(FidelityCheck.run(m, q, in.inputs(), in.labels(), bar::update));
    }
  }

  private static void printTable(PrintWriter out, FidelityResult r) {
    FidelityResult.Width first = r.widths().get(0);
    out.printf(
        "float model: accuracy %.2f %% on %d utterances of %s%n%n",
        100 * first.floatAccuracy(), first.samples(), r.data());
    StringBuilder head = new StringBuilder("| LIF layer |");
    StringBuilder rule = new StringBuilder("|---|");
    for (FidelityResult.Width w : r.widths()) {
      head.append(' ').append(w.weightBits()).append(" bits |");
      rule.append("---|");
    }
    out.println(head);
    out.println(rule);
    row(out, "fixed-point accuracy", r, w -> String.format("%.2f %%", 100 * w.fixedAccuracy()));
    row(out, "label agreement", r, w -> String.format("%.2f %%", 100 * w.labelAgreement()));
    row(out, "saturation events", r, w -> Long.toString(w.saturationEvents()));
    for (String layer : first.spikeAgreement().keySet()) {
      row(out, layer, r, w -> String.format("%.2f %%", 100 * w.spikeAgreement().get(layer)));
    }
  }

  private static void row(
      PrintWriter out, String name, FidelityResult r, Function<FidelityResult.Width, String> cell) {
    StringBuilder b = new StringBuilder("| ").append(name).append(" |");
    for (FidelityResult.Width w : r.widths()) {
      b.append(' ').append(cell.apply(w)).append(" |");
    }
    out.println(b);
  }
}
