package org.spikescr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.errors.InputException;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.Json;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.ModelInputs;
import org.spikescr.vectors.GoldenSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr golden}: writes the integer simulator's per-layer vectors of the first N
 * utterances as hex files that {@code $readmemh} reads, with a JSON index ({@code
 * docs/golden-vectors.md}).
 */
@Command(
    name = "golden",
    mixinStandardHelpOptions = true,
    description = {
      "Write golden vectors of a quantized model: per utterance the input frames, every LIF layer's",
      "input, spikes and membrane per step, attention scores, head outputs, readout scores and class."
    })
final class GoldenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--model",
      required = true,
      description = "Quantized model file (a float model is quantized with the defaults).")
  Path model;

  @Option(names = "--data", required = true, description = "Dataset file.")
  Path data;

  @Option(names = "--samples", defaultValue = "4", description = "Utterances (first N; default 4).")
  int samples;

  @Option(names = "--out", required = true, description = "Directory to write (replaced whole).")
  Path out;

  @Option(
      names = "--frame-ms",
      description = "Frame length in ms (spike data); default: the model's own.")
  double frameMs;

  @Override
  public Integer call() {
    if (samples < 1) {
      throw new InputException("--samples", "", "expected at least 1, got " + samples);
    }
    QuantizedModel q = Models.quantized(model, 0);
    ModelInputs in =
        ModelInputs.prepare(DatasetFile.read(data), data.toString(), q.config(), frameMs, samples);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("model", model.getFileName().toString());
    header.put("model_sha256", sha256(model));
    header.put("data", data.getFileName().toString());
    header.put("data_sha256", sha256(data));
    if (in.framing() != null) {
      header.put("frame_ms", in.framing().frameMs());
      header.put("window_s", in.framing().windowS());
    }
    GoldenSet.write(q, header, in.inputs(), in.labels(), out);
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("out", out.toString());
      root.put("samples", in.inputs().size());
      root.put("index", out.resolve("index.json").toString());
      spec.commandLine().getOut().println(Json.pretty(root));
    } else {
      spec.commandLine()
          .getOut()
          .printf("wrote golden vectors of %d utterances to %s%n", in.inputs().size(), out);
    }
    return ExitCodes.OK;
  }

  static String sha256(Path p) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
