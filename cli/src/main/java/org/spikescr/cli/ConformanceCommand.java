package org.spikescr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.conformance.ConformanceCheck;
import org.spikescr.conformance.ConformanceReport;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.json.Json;
import org.spikescr.sim.FloatPrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr conformance --dir DIR}: runs the float simulator on vectors saved from a PyTorch
 * SpikeSCR model and compares labels and every LIF layer's spikes.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Check the float simulator against reference vectors saved from a PyTorch SpikeSCR model",
      "(a directory laid out like shared/conformance/official-shd-random).",
      "Exit 0 when every label matches and every LIF layer agrees on at least 99.9 %% of spikes."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--dir", required = true, description = "Directory of reference vectors.")
  Path dir;

  @Option(
      names = "--model",
      description = "Use this model file instead of the directory's weights/ (e.g. an export).")
  Path model;

  @Option(
      names = "--precision",
      defaultValue = "float32",
      description =
          "float32 (default: LIF inputs rounded to float32 as PyTorch does) or double (plain"
              + " double precision).")
  String precision;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    FloatPrecision p =
        switch (precision) {
          case "float32" -> FloatPrecision.FLOAT32;
          case "double" -> FloatPrecision.DOUBLE;
          default ->
              throw new org.spikescr.errors.InputException(
                  "--precision", "", "expected 'float32' or 'double', got '" + precision + "'");
        };
    ConformanceCase c =
        model == null
            ? ConformanceCase.load(dir)
            : ConformanceCase.load(dir, ModelFile.read(model));
    ConformanceReport r;
    try (ProgressBar bar =
        new ProgressBar(spec.commandLine().getErr(), c.inputs().length, "samples", !quiet)) {
      r = ConformanceCheck.run(c, p, bar::update);
    }
    boolean ok = r.passes(ConformanceCheck.REQUIRED_AGREEMENT);
    var out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("dir", dir.toString());
      root.put("precision", precision);
      root.put("samples", r.samples());
      root.put("predictions", r.predictions());
      root.put("expected", r.expected());
      root.put("labels_match", r.labelsMatch());
      root.put("min_spike_agreement", r.minSpikeAgreement());
      root.put("max_logit_difference", r.maxLogitDifference());
      List<Map<String, Object>> layers = new ArrayList<>();
      for (ConformanceReport.Layer l : r.layers()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("values", l.values());
        m.put("identical", l.identical());
        m.put("mismatches", l.mismatches());
        m.put("agreement", l.agreement());
        m.put("reference_spikes", l.referenceSpikes());
        m.put("simulated_spikes", l.simulatedSpikes());
        layers.add(m);
      }
      root.put("layers", layers);
      root.put("passed", ok);
      out.println(Json.pretty(root));
    } else {
      out.printf("conformance of %s (%s precision), %d samples%n", dir, precision, r.samples());
      out.printf("  %-40s %12s %10s %10s%n", "LIF layer", "agreement", "mismatch", "spikes");
      for (ConformanceReport.Layer l : r.layers()) {
        out.printf(
            "  %-40s %11.5f%% %10d %10d%n",
            l.name(), 100 * l.agreement(), l.mismatches(), l.simulatedSpikes());
      }
      out.printf("  labels: %s%n", r.labelsMatch() ? "all match" : "MISMATCH");
      out.printf("  expected:  %s%n", java.util.Arrays.toString(r.expected()));
      out.printf("  predicted: %s%n", java.util.Arrays.toString(r.predictions()));
      out.printf(
          "  minimum spike agreement %.5f %%, max |logit difference| %.3g%n",
          100 * r.minSpikeAgreement(), r.maxLogitDifference());
      out.println(ok ? "PASSED" : "FAILED (needs identical labels and >= 99.9 % per layer)");
    }
    return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
