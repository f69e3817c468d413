package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
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
    PrintWriter out = spec.commandLine().getOut();
    if (Models.isQuantized(model)) {
      QuantizedInfoResult r =
          QuantizedInfoResult.of(model.toString(), QuantizedModelFile.read(model));
      if (common.json) {
        JsonOutput.print(out, r);
      } else {
        printText(out, r);
      }
    } else {
      InfoResult r = InfoResult.of(model.toString(), ModelFile.read(model));
      if (common.json) {
        JsonOutput.print(out, r);
      } else {
        printText(out, r);
      }
    }
    return ExitCodes.OK;
  }

  private static void printText(PrintWriter out, InfoResult r) {
    InfoResult.HyperParameters hp = r.hyperParameters();
    out.println("model: " + r.model());
    row(out, "d_model", hp.dModel());
    row(out, "heads", hp.heads());
    row(out, "head_dim", hp.headDim());
    row(out, "depth", hp.depth());
    row(out, "mlp_hidden", hp.mlpHidden());
    row(out, "kernel_size", hp.kernelSize());
    row(out, "classes", hp.classes());
    row(out, "input_kind", hp.inputKind());
    row(out, "input_channels", hp.inputChannels());
    if (hp.frameMs() != null) {
      row(out, "frame_ms", hp.frameMs());
    }
    if (hp.hopSamples() != null) {
      row(out, "hop_samples", hp.hopSamples());
    }
    row(out, "time_steps", hp.timeSteps());
    row(out, "qk_layout", hp.qkLayout());
    out.printf(
        "  %-15s %,d (plus %,d non-trainable values)%n",
        "parameters", r.trainableParameters(), r.allValues() - r.trainableParameters());
    if (!r.provenance().isEmpty()) {
      out.println("provenance:");
      for (Map.Entry<String, String> e : r.provenance().entrySet()) {
        row(out, e.getKey(), e.getValue());
      }
    }
    out.println("layers:");
    out.printf("  %-48s %-16s %10s%n", "tensor", "shape", "values");
    for (InfoResult.TensorRow t : r.layers()) {
      out.printf("  %-48s %-16s %,10d%n", t.name(), t.shape(), t.values());
    }
  }

  private static void row(PrintWriter out, String key, Object value) {
    out.printf("  %-15s %s%n", key, value);
  }

  private static void printText(PrintWriter out, QuantizedInfoResult r) {
    out.printf(
        "quantized model: %s%n  D %d, heads %d, depth %d, classes %d, qk layout %s%n",
        r.model(), r.dModel(), r.heads(), r.depth(), r.classes(), r.qkLayout());
    out.printf(
        "  %d-bit weights, G = %d, T_max = %d, input %s, RoPE F_R = %d, head logits %d bits%n",
        r.weightBits(),
        r.membraneFracBits(),
        r.maxTimeSteps(),
        r.inputFormat(),
        r.ropeFracBits(),
        r.headLogitBits());
    LifWidths.print(out, r.layers());
  }
}
