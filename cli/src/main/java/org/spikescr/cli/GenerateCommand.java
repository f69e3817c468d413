package org.spikescr.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.errors.InputException;
import org.spikescr.gen.GeneratorInfo;
import org.spikescr.gen.emit.DesignManifest;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.io.AtomicFiles;
import org.spikescr.io.Directories;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.Sha256;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.cycles.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr generate}: lowers a quantized model to Verilog units bound to its numbers, with
 * their memory images and a manifest ({@code docs/hardware.md}).
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate Verilog for the layer units of a quantized model.",
      "One module per layer unit bound to the model's widths and memory images (rtl/, mem/), the"
          + " hand-written units they use, and a manifest of every file with its sha256"
          + " (docs/hardware.md)."
    })
final class GenerateCommand implements Callable<Integer> {
  /** A design directory, recognised by its manifest; only such a directory is replaced. */
  static final OutputPaths.DirectoryKind KIND =
      new OutputPaths.DirectoryKind("hardware design", DesignManifest.FILE, DesignManifest.FORMAT);

  /** The design's name: the prefix of its modules, its top is {@code spikescr_top}. */
  static final String DESIGN_NAME = "spikescr";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--model",
      required = true,
      description = "Quantized model file (a float model is quantized with the defaults).")
  Path model;

  @Option(
      names = "--out",
      required = true,
      description =
          "Design directory to write; an existing one is replaced only when it holds a design"
              + " (its manifest.json says so).")
  Path out;

  @Option(
      names = "--lanes",
      paramLabel = "P",
      defaultValue = "" + HwOptions.DEFAULT_LANES,
      converter = Converters.Positive.class,
      description =
          "Output channels computed in parallel; must divide every layer's width"
              + " (default ${DEFAULT-VALUE}).")
  int lanes;

  @Option(
      names = "--engine-lanes",
      paramLabel = "E",
      converter = Converters.Positive.class,
      description =
          "Output channels the shared pointwise engine accumulates per input event: --lanes times"
              + " 1, 2 or 4, above --lanes only with --arch pipelined; its sums still leave"
              + " --lanes at a time, so the LIF cores and sinks keep --lanes (default, pipelined:"
              + " the widest that divides every pointwise and depthwise layer).")
  Integer engineLanes;

  @Option(
      names = "--embed-lanes",
      paramLabel = "E",
      converter = Converters.Positive.class,
      description =
          "The same for the embedding's engine (default, pipelined: --lanes times 2 when that"
              + " divides the embedding's channels, else --lanes).")
  Integer embedLanes;

  @Option(
      names = "--pairs",
      negatable = true,
      description =
          "The shared engine adds two input events per cycle on the pointwise layers whose inputs"
              + " are spikes (--arch pipelined only; default: on with pipelined, --no-pairs for"
              + " one event per cycle).")
  Boolean pairs;

  @Option(
      names = "--arch",
      paramLabel = "A",
      defaultValue = "pipelined",
      description =
          "Architecture: sequential (every source reads its rows as it scans them, one attention"
              + " head and one readout division at a time) or pipelined (pointwise rows read once"
              + " per step, depthwise taps one per cycle, every head's score of a key per cycle,"
              + " one divider per class; default ${DEFAULT-VALUE}); both compute the same bits"
              + " (docs/hardware.md).")
  String arch;

  @Option(
      names = "--t-max",
      paramLabel = "N",
      converter = Converters.Positive.class,
      description = "Longest utterance in frames (default: the model's T_max).")
  Integer tMax;

  @Override
  public Integer call() throws IOException {
    OutputPaths.checkReplaceableDirectory("--out", out, KIND, List.of(model));
    QuantizedModel q = Models.quantized(model, null);
    HwOptions options = options(q);
    DesignFiles d = DesignFiles.of(q, options, attributes(options), model.toString());
    try {
      Directories.writeBytes(out, d.files());
    } catch (IOException e) {
      throw new IOException(
          "cannot write the design to " + out + " (" + AtomicFiles.reason(e) + ")", e);
    }
    HwDesign design = d.network().design();
    Map<String, byte[]> files = d.files();
    GenerateResult r = result(design, options, files);
    if (common.json) {
      JsonOutput.print(spec.commandLine().getOut(), r);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "wrote design %s to %s: %d Verilog modules, %d memory images, %d lanes, T_max %d%n",
              r.design(), out, r.modules(), r.memories(), r.lanes(), r.t_max());
    }
    return ExitCodes.OK;
  }

  private HwOptions options(QuantizedModel q) {
    int modelMax = q.settings().maxTimeSteps();
    int t = tMax == null ? modelMax : tMax;
    if (t > modelMax) {
      throw new InputException(
          "--t-max",
          "",
          t + " exceeds the model's T_max of " + modelMax + "; quantize with --max-time-steps");
    }
    if (t < q.config().timeSteps()) {
      throw new InputException(
          "--t-max", "", t + " is below the model's " + q.config().timeSteps() + " time steps");
    }
    Architecture a;
    try {
      a = Architecture.of(arch);
    } catch (IllegalArgumentException e) {
      throw new InputException("--arch", "", e.getMessage(), e);
    }
    int engine = engineLanes != null ? engineLanes : LayerPlanner.defaultEngineLanes(q, lanes, a);
    int embed = embedLanes != null ? embedLanes : LayerPlanner.defaultEmbedLanes(q, lanes, a);
    boolean p = pairs != null ? pairs : a == Architecture.PIPELINED;
    try {
      return new HwOptions(DESIGN_NAME, lanes, t, a, engine, embed, p);
    } catch (HwOptions.InvalidOption e) {
      throw new InputException(e.option(), "", e.getMessage(), e);
    }
  }

  private Map<String, String> attributes(HwOptions o) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("generator", GeneratorInfo.name());
    a.put("model", model.getFileName().toString());
    a.put("model_sha256", Sha256.of(model));
    a.put("lanes", Integer.toString(o.lanes()));
    a.put("t_max", Integer.toString(o.maxTimeSteps()));
    a.put("architecture", o.architecture().key());
    if (o.ways() > 1) {
      a.put("engine_lanes", Integer.toString(o.engineLanes()));
    }
    if (o.embedWays() > 1) {
      a.put("embed_lanes", Integer.toString(o.embedLanes()));
    }
    if (o.pairs()) {
      a.put("pairs", "true");
    }
    return a;
  }

  private GenerateResult result(HwDesign d, HwOptions o, Map<String, byte[]> files) {
    int modules = 0;
    int memories = 0;
    for (String f : files.keySet()) {
      if (f.startsWith("rtl/")) {
        modules++;
      } else if (f.startsWith("mem/")) {
        memories++;
      }
    }
    return new GenerateResult(
        d.name(),
        out.toString(),
        o.lanes(),
        o.maxTimeSteps(),
        modules,
        memories,
        out.resolve(DesignManifest.FILE).toString());
  }
}
