package org.spikescr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.Sha256;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.ModelInputs;
import org.spikescr.vectors.GoldenSet;
import org.spikescr.vectors.GoldenVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr golden}: writes the fixed-point simulator's per-layer vectors of the first N
 * utterances as hex files that {@code $readmemh} reads, with a JSON index ({@code
 * docs/golden-vectors.md}).
 */
@Command(
    name = "golden",
    mixinStandardHelpOptions = true,
    description = {
      "Write golden vectors of a quantized model for the hardware tests.",
      "Per utterance: the input frames, every LIF layer's input, spikes and membrane per step, the attention scores, head outputs, readout scores and class (docs/golden-vectors.md)."
    })
final class GoldenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin FrameOption frame;

  @Option(
      names = "--model",
      required = true,
      description = "Quantized model file (a float model is quantized with the defaults).")
  Path model;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "4",
      converter = Converters.Positive.class,
      description = "Utterances (first N; default ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--out",
      required = true,
      description =
          "Directory to write; an existing one is replaced only when it holds golden vectors"
              + " (its index.json says so).")
  Path out;

  @Override
  public Integer call() {
    OutputPaths.checkReplaceableDirectory(
        "--out", out, GoldenVectors.KIND, List.of(model, data.data));
    QuantizedModel q = Models.quantized(model, null);
    Path d = data.data;
    ModelInputs in =
        ModelInputs.prepare(DatasetFile.read(d), d.toString(), q.config(), frame.frameMs, samples);
    in.checkTimeSteps(q.settings().maxTimeSteps(), model.toString(), d.toString());
    GoldenSet.write(q, header(in), in.inputs(), in.labels(), out);
    GoldenResult result =
        new GoldenResult(out.toString(), in.inputs().size(), out.resolve("index.json").toString());
    if (common.json) {
      JsonOutput.print(spec.commandLine().getOut(), result);
    } else {
      spec.commandLine()
          .getOut()
          .printf("wrote golden vectors of %d utterances to %s%n", result.samples(), out);
    }
    return ExitCodes.OK;
  }

  /** The facts about the set that open the index: files, their hashes and the framing. */
  private Map<String, Object> header(ModelInputs in) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("model", model.getFileName().toString());
    header.put("model_sha256", Sha256.of(model));
    header.put("data", data.data.getFileName().toString());
    header.put("data_sha256", Sha256.of(data.data));
    if (in.framing() != null) {
      header.put("frame_ms", in.framing().frameMs());
      header.put("window_s", in.framing().windowS());
    }
    return header;
  }
}
