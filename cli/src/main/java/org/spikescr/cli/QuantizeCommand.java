package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.eval.FidelityCheck;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
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
      "Quantize a float model and write a quantized model file.",
      "Follows docs/fixed-point.md: widths come from value ranges proven from the integer weights. With --calib the result is also run on calibration data to report saturations and agreement with the float model; this is a report only and does not change the quantized file."
    })
final class QuantizeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin LimitOption limit;

  @Mixin QuietOption quiet;

  @Option(names = "--model", required = true, description = "Float model file (.h5).")
  Path model;

  @Option(names = "--out", required = true, description = "Quantized model file to write.")
  Path out;

  @Option(
      names = "--weight-bits",
      paramLabel = "N",
      defaultValue = "8",
      converter = Converters.WeightBits.class,
      description = "Signed weight width N, 4 to 16 (default ${DEFAULT-VALUE}).")
  int weightBits;

  @Option(
      names = "--membrane-frac-bits",
      paramLabel = "G",
      defaultValue = "4",
      converter = Converters.MembraneFracBits.class,
      description = "Membrane fraction bits G, 0 to 16 (default ${DEFAULT-VALUE}).")
  int membraneFracBits;

  @Option(
      names = "--max-time-steps",
      paramLabel = "T",
      converter = Converters.MaxTimeSteps.class,
      description = "Longest utterance in frames the design accepts (default 2 x the model's T).")
  Integer maxTimeSteps;

  @Option(
      names = "--calib",
      paramLabel = "D",
      description = "Calibration dataset: report saturations and agreement.")
  Path calib;

  @Override
  public Integer call() {
    OutputPaths.checkFile("--out", out, Arrays.asList(model, calib));
    SpikeScrModel m = Models.readFloat(model);
    QuantizedModel q = Quantizer.quantize(m, settings(m));
    FidelityFigures calibration = calib == null ? null : calibrate(m, q);
    QuantizedModelFile.write(q, out);
    QuantizeResult result = QuantizeResult.of(model.toString(), out.toString(), q, calibration);
    PrintWriter o = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(o, result);
    } else {
      printText(o, result);
    }
    return ExitCodes.OK;
  }

  /** The model's default settings with the widths given on the command line. */
  private QuantSettings settings(SpikeScrModel m) {
    QuantSettings d = QuantSettings.defaults(m.config());
    return new QuantSettings(
        weightBits,
        membraneFracBits,
        d.scaleSpanBits(),
        maxTimeSteps != null ? maxTimeSteps : d.maxTimeSteps(),
        d.inputFormat(),
        d.ropeFracBits(),
        d.expTableLength(),
        d.expFracBits(),
        d.probFracBits());
  }

  private FidelityFigures calibrate(SpikeScrModel m, QuantizedModel q) {
    ModelInputs in =
        ModelInputs.prepare(DatasetFile.read(calib), calib.toString(), m.config(), 0, limit.limit);
    in.checkTimeSteps(q.settings().maxTimeSteps(), model.toString(), calib.toString());
    try (ProgressBar bar = quiet.bar(spec, in.inputs().size(), "utterances")) {
      return FidelityFigures.of(FidelityCheck.run(m, q, in.inputs(), in.labels(), bar::update));
    }
  }

  private void printText(PrintWriter o, QuantizeResult r) {
    o.printf(
        "quantized %s -> %s: %d-bit weights, G = %d, T_max = %d, input %s%n",
        r.model(),
        r.out(),
        r.weightBits(),
        r.membraneFracBits(),
        r.maxTimeSteps(),
        r.inputFormat());
    LifWidths.print(o, r.layers());
    if (r.calibration() != null) {
      printCalibration(o, r.calibration());
    }
  }

  /** The calibration figures as a table; calibration only reports, it does not change the file. */
  private void printCalibration(PrintWriter o, FidelityFigures f) {
    o.printf(
        "%ncalibration on %s (%d utterances; a report only, the file is not changed by it):%n",
        calib, f.samples());
    o.printf("  %-40s %10.2f %%%n", "float accuracy", 100 * f.floatAccuracy());
    o.printf("  %-40s %10.2f %%%n", "fixed-point accuracy", 100 * f.fixedAccuracy());
    o.printf("  %-40s %10.2f %%%n", "label agreement", 100 * f.labelAgreement());
    o.printf("  %-40s %10d%n", "saturation events", f.saturationEvents());
    o.printf("  %-40s %10s %10s%n", "LIF layer", "spikes =", "saturations");
    for (Map.Entry<String, Double> e : f.spikeAgreement().entrySet()) {
      o.printf(
          "  %-40s %8.2f %% %10d%n",
          e.getKey(), 100 * e.getValue(), f.saturations().getOrDefault(e.getKey(), 0L));
    }
  }
}
