package org.spikescr.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.spikescr.errors.InputException;
import org.spikescr.io.npy.NpyArray;
import org.spikescr.io.npy.NpyReader;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.InputKind;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ParameterSchema;
import org.spikescr.model.QkLayout;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;

/**
 * A directory of reference vectors made by running a SpikeSCR PyTorch model one utterance at a time
 * (the layout of {@code shared/conformance/official-shd-random}): {@code index.json} with a {@code
 * config} object, {@code weights/<state_dict key>.npy}, {@code inputs.npy} {@code (S, T, C_in)},
 * {@code labels.npy}, {@code logits.npy}, {@code scores.npy} and {@code spikes/<lif name>.npy}.
 *
 * @param dir the directory
 * @param model the network, built from {@code weights/}
 * @param inputs the utterances, {@code [s][t][c]}
 * @param labels the predicted labels of the reference run
 * @param logits the reference head outputs, {@code (S, T, classes)}
 * @param spikes reference spikes per LIF layer, {@code (S, T, ...)}
 */
@SuppressWarnings("ArrayRecordComponent") // compared by value below; loaded once, read in place
public record ConformanceCase(
    Path dir,
    SpikeScrModel model,
    double[][][] inputs,
    int[] labels,
    NpyArray logits,
    Map<String, NpyArray> spikes) {

  /** Loads a case; every missing or inconsistent file is an input error naming it. */
  public static ConformanceCase load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir.toString(), "", "not a directory");
    }
    NpyArray in = NpyReader.read(dir.resolve("inputs.npy"));
    if (in.rank() != 3) {
      throw new InputException(
          dir.resolve("inputs.npy").toString(),
          "shape",
          "expected (samples, T, channels), got " + Arrays.toString(in.shape()));
    }
    ModelConfig config = readConfig(dir, in.dim(1), in.dim(2));
    SpikeScrModel model = readWeights(dir, config);
    return load(dir, model);
  }

  /** Loads a case's vectors but uses the given model (for example one read from a model file). */
  public static ConformanceCase load(Path dir, SpikeScrModel model) {
    NpyArray in = NpyReader.read(dir.resolve("inputs.npy"));
    int samples = in.dim(0);
    if (in.rank() != 3 || in.dim(2) != model.config().inputChannels()) {
      throw new InputException(
          dir.resolve("inputs.npy").toString(),
          "shape",
          "expected (samples, T, "
              + model.config().inputChannels()
              + "), got "
              + Arrays.toString(in.shape()));
    }
    double[][][] inputs = new double[samples][][];
    for (int s = 0; s < samples; s++) {
      inputs[s] = in.matrix(s);
    }
    NpyArray lab = NpyReader.read(dir.resolve("labels.npy"));
    if (lab.rank() != 1 || lab.dim(0) != samples) {
      throw new InputException(
          dir.resolve("labels.npy").toString(), "shape", "expected (" + samples + ")");
    }
    int[] labels = new int[samples];
    for (int s = 0; s < samples; s++) {
      labels[s] = (int) lab.at(s);
    }
    NpyArray logits = NpyReader.read(dir.resolve("logits.npy"));
    int steps = in.dim(1);
    if (!Arrays.equals(logits.shape(), new int[] {samples, steps, model.config().classes()})) {
      throw new InputException(
          dir.resolve("logits.npy").toString(),
          "shape",
          "expected ["
              + samples
              + ", "
              + steps
              + ", "
              + model.config().classes()
              + "], got "
              + Arrays.toString(logits.shape()));
    }
    Map<String, NpyArray> spikes = new LinkedHashMap<>();
    for (String name : LayerNames.all(model.config())) {
      Path p = dir.resolve("spikes").resolve(name + ".npy");
      NpyArray a = NpyReader.read(p);
      int width = LayerNames.width(model.config(), name);
      if (a.dim(0) != samples || a.dim(1) != steps || a.size() != (long) samples * steps * width) {
        throw new InputException(
            p.toString(),
            "shape",
            "expected ("
                + samples
                + ", "
                + steps
                + ", "
                + width
                + ") values, got "
                + Arrays.toString(a.shape()));
      }
      spikes.put(name, a);
    }
    return new ConformanceCase(dir, model, inputs, labels, logits, spikes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConformanceCase c
        && dir.equals(c.dir)
        && model.equals(c.model)
        && Arrays.deepEquals(inputs, c.inputs)
        && Arrays.equals(labels, c.labels)
        && logits.equals(c.logits)
        && spikes.equals(c.spikes);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(dir, model, logits, spikes);
    h = h * 31 + Arrays.deepHashCode(inputs);
    return h * 31 + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "ConformanceCase[" + dir + ", " + inputs.length + " samples, model=" + model + "]";
  }

  private static ModelConfig readConfig(Path dir, int steps, int channels) {
    Path idx = dir.resolve("index.json");
    Map<String, Object> root;
    try {
      root = JsonCodec.parseObject(Files.readString(idx));
    } catch (IOException e) {
      throw new InputException(idx.toString(), "", "cannot read (" + e.getMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      throw new InputException(idx.toString(), "", e.getMessage(), e);
    }
    if (!(root.get("config") instanceof Map<?, ?> cfg)) {
      throw new InputException(idx.toString(), "config", "missing object");
    }
    String src = idx.toString();
    int d = intKey(src, cfg, "n_hidden_neurons");
    int heads = intKey(src, cfg, "num_heads");
    int depth = intKey(src, cfg, "depths");
    int f = intKey(src, cfg, "hidden_dims");
    int k = intKey(src, cfg, "kernel_size");
    int classes = intKey(src, cfg, "n_outputs");
    int nIn = intKey(src, cfg, "n_inputs");
    if (nIn != channels) {
      throw new InputException(
          src, "config.n_inputs", "is " + nIn + " but inputs.npy has " + channels + " channels");
    }
    double frameMs = cfg.get("time_step") instanceof Number n ? n.doubleValue() : 10.0;
    QkLayout layout = QkLayout.OFFICIAL;
    if (cfg.get("qk_layout") instanceof String s) {
      layout = QkLayout.fromFileName(s);
      if (layout == null) {
        throw new InputException(
            src, "config.qk_layout", "expected 'official' or 'time', got " + s);
      }
    }
    try {
      return new ModelConfig(
          d, heads, depth, f, k, classes, InputKind.SPIKES, nIn, frameMs, 0, steps, layout);
    } catch (IllegalArgumentException e) {
      throw new InputException(src, "config", e.getMessage(), e);
    }
  }

  private static int intKey(String src, Map<?, ?> cfg, String key) {
    Object v = cfg.get(key);
    if (!(v instanceof Integer i) || i <= 0) {
      throw new InputException(src, "config." + key, "expected a positive integer, got " + v);
    }
    return i;
  }

  private static SpikeScrModel readWeights(Path dir, ModelConfig config) {
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (ParameterSchema.Entry e : ParameterSchema.entries(config)) {
      Path p = dir.resolve("weights").resolve(e.name() + ".npy");
      NpyArray a = NpyReader.read(p);
      if (!Arrays.equals(a.shape(), e.shape())) {
        throw new InputException(
            p.toString(),
            "shape",
            "expected " + Arrays.toString(e.shape()) + ", got " + Arrays.toString(a.shape()));
      }
      params.put(e.name(), new Tensor(a.shape(), a.toFloats()));
    }
    try {
      return new SpikeScrModel(config, params, Map.of("source", dir.toString()));
    } catch (IllegalArgumentException e) {
      throw new InputException(dir.resolve("weights").toString(), "", e.getMessage(), e);
    }
  }
}
