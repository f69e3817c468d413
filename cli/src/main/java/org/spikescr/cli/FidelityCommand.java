package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.errors.InputException;
import org.spikescr.eval.FidelityCheck;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.Json;
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
      "Compare the fixed-point model with the float model at several weight widths: accuracy, label",
      "agreement, spike agreement per LIF layer, saturation events. Prints a Markdown table."
    })
final class FidelityCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--model", required = true, description = "Float model file (.h5).")
  Path model;

  @Option(names = "--data", required = true, description = "Dataset file.")
  Path data;

  @Option(
      names = "--weight-bits",
      split = ",",
      defaultValue = "4,6,8,10,12,16",
      description = "Weight widths to compare (default ${DEFAULT-VALUE}).")
  List<Integer> widths;

  @Option(names = "--limit", description = "At most N utterances (default all).")
  int limit;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    SpikeScrModel m = Models.readFloat(model);
    ModelInputs in =
        ModelInputs.prepare(DatasetFile.read(data), data.toString(), m.config(), 0, limit);
    List<Integer> bits = new ArrayList<>();
    List<FidelityCheck.Report> reports = new ArrayList<>();
    for (int w : widths) {
      if (w < 4 || w > 16) {
        throw new InputException("--weight-bits", "", "expected widths of 4 to 16, got " + w);
      }
      QuantizedModel q = Quantizer.quantize(m, Models.settings(m, w));
      try (ProgressBar bar =
          new ProgressBar(
              spec.commandLine().getErr(), in.inputs().size(), w + "-bit weights", !quiet)) {
        reports.add(FidelityCheck.run(m, q, in.inputs(), in.labels(), bar::update));
      }
      bits.add(w);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("model", model.toString());
      root.put("data", data.toString());
      List<Object> rows = new ArrayList<>();
      for (int i = 0; i < bits.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("weight_bits", bits.get(i));
        row.putAll(FidelityJson.of(reports.get(i)));
        rows.add(row);
      }
      root.put("widths", rows);
      out.println(Json.pretty(root));
      return ExitCodes.OK;
    }
    FidelityCheck.Report first = reports.get(0);
    out.printf(
        "float model: accuracy %.2f %% on %d utterances of %s%n%n",
        100 * first.floatAccuracy(), first.samples(), data);
    StringBuilder head = new StringBuilder("| LIF layer |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int w : bits) {
      head.append(' ').append(w).append(" bits |");
      rule.append("---|");
    }
    out.println(head);
    out.println(rule);
    row(
        out,
        "fixed-point accuracy",
        reports,
        r -> String.format("%.2f %%", 100 * r.fixedAccuracy()));
    row(out, "label agreement", reports, r -> String.format("%.2f %%", 100 * r.labelAgreement()));
    row(out, "saturation events", reports, r -> Long.toString(r.saturationEvents()));
    for (String layer : first.spikeAgreement().keySet()) {
      row(out, layer, reports, r -> String.format("%.2f %%", 100 * r.spikeAgreement().get(layer)));
    }
    return ExitCodes.OK;
  }

  private static void row(
      PrintWriter out,
      String name,
      List<FidelityCheck.Report> reports,
      java.util.function.Function<FidelityCheck.Report, String> cell) {
    StringBuilder b = new StringBuilder("| ").append(name).append(" |");
    for (FidelityCheck.Report r : reports) {
      b.append(' ').append(cell.apply(r)).append(" |");
    }
    out.println(b);
  }
}
