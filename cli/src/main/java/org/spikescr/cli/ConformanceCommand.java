package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.conformance.ConformanceCheck;
import org.spikescr.conformance.ConformanceReport;
import org.spikescr.io.hdf5.ModelFile;
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
      "Check the float simulator against PyTorch reference vectors.",
      "The directory is laid out like shared/conformance/official-shd-random. Exit 0 when every label matches and every LIF layer agrees on at least 99.9 %% of spikes."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin QuietOption quiet;

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
          "${COMPLETION-CANDIDATES}; float32 rounds LIF inputs to float32 as PyTorch does, double"
              + " is plain double precision. Default: ${DEFAULT-VALUE}.")
  Precision precision;

  @Override
  public Integer call() {
    ConformanceCase c =
        model == null
            ? ConformanceCase.load(dir)
            : ConformanceCase.load(dir, ModelFile.read(model));
    ConformanceReport r;
    try (ProgressBar bar = quiet.bar(spec, c.inputs().length, "samples")) {
      r = ConformanceCheck.run(c, precision.simulator(), bar::update);
    }
    boolean ok = r.passes(ConformanceCheck.REQUIRED_AGREEMENT);
    ConformanceResult result = ConformanceResult.of(dir.toString(), precision, r, ok);
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(out, result);
    } else {
      printText(out, result);
    }
    return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static void printText(PrintWriter out, ConformanceResult r) {
    out.printf(
        "conformance of %s (%s precision), %d samples%n", r.dir(), r.precision(), r.samples());
    out.printf("  %-40s %12s %10s %10s%n", "LIF layer", "agreement", "mismatch", "spikes");
    for (ConformanceResult.Layer l : r.layers()) {
      out.printf(
          "  %-40s %11.5f%% %10d %10d%n",
          l.name(), 100 * l.agreement(), l.mismatches(), l.simulatedSpikes());
    }
    out.printf("  labels: %s%n", r.labelsMatch() ? "all match" : "MISMATCH");
    out.printf("  expected:  %s%n", r.expected());
    out.printf("  predicted: %s%n", r.predictions());
    out.printf(
        "  minimum spike agreement %.5f %%, max |logit difference| %.3g%n",
        100 * r.minSpikeAgreement(), r.maxLogitDifference());
    out.println(r.passed() ? "PASSED" : "FAILED (needs identical labels and >= 99.9 % per layer)");
  }
}
