package org.spikescr.io.hdf5;

import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.ParameterSchema;
import org.spikescr.model.QkLayout;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;
import org.spikescr.model.quantized.QuantSettings;

/**
 * Reads float model files of format versions 1 and 2 and writes version 2 ({@code
 * docs/model-format.md}).
 *
 * <p>Hyper-parameters are root attributes; each parameter tensor is a float32 dataset whose path is
 * the authors' state_dict key with dots replaced by slashes ({@code blocks.0.attn.q_conv.weight}
 * becomes {@code /blocks/0/attn/q_conv/weight}); provenance is a set of string attributes on the
 * group {@code /provenance}.
 */
public final class ModelFile {
  /** Value of the root attribute {@code format}. */
  public static final String FORMAT = "spikescr-model";

  /**
   * The format version this code writes: 2, which adds a checksum to every tensor ({@link
   * Checksums}). Version 1 files, without checksums, are still read.
   */
  public static final int VERSION = 2;

  /** The oldest format version this code reads. */
  public static final int OLDEST_VERSION = 1;

  /**
   * Largest {@code time_steps} of a model: half the largest T_max ({@link
   * QuantSettings#MAX_TIME_STEPS}), so the default T_max of twice the model's T is always valid.
   */
  public static final int MAX_TIME_STEPS = QuantSettings.MAX_TIME_STEPS.max() / 2;

  /** Value of the root attribute {@code kind} for float models. */
  public static final String KIND_FLOAT = "float";

  private ModelFile() {}

  /**
   * The {@code kind} root attribute of a model file ({@code float} or {@code quantized}), after
   * checking that it is a model file of a version this code reads.
   */
  public static String kind(Path path) {
    return Hdf5Access.read(path, "model file", h -> kind(h, path));
  }

  private static String kind(Hdf5Access h, Path path) {
    String format = h.stringAttribute("/", "format");
    if (!FORMAT.equals(format)) {
      throw new InputException(
          path.toString(), "@format", "expected '" + FORMAT + "', got '" + format + "'");
    }
    return h.stringAttribute("/", "kind");
  }

  /** Reads and validates a model file. */
  public static SpikeScrModel read(Path path) {
    return Hdf5Access.read(path, "model file", h -> read(h, path));
  }

  private static SpikeScrModel read(Hdf5Access h, Path path) {
    String src = path.toString();
    String format = h.stringAttribute("/", "format");
    if (!FORMAT.equals(format)) {
      throw new InputException(src, "@format", "expected '" + FORMAT + "', got '" + format + "'");
    }
    readVersion(h);
    String kind = h.stringAttribute("/", "kind");
    if (!KIND_FLOAT.equals(kind)) {
      throw new InputException(
          src, "@kind", "expected '" + KIND_FLOAT + "' (a float model), got '" + kind + "'");
    }
    ModelConfig config = readConfig(h);
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (ParameterSchema.Entry e : ParameterSchema.entries(config)) {
      String p = datasetPath(e.name());
      if (!h.exists(p)) {
        throw new InputException(
            src, p, "missing parameter tensor, expected shape " + Arrays.toString(e.shape()));
      }
      int[] dims = h.dimensions(p);
      if (!Arrays.equals(dims, e.shape())) {
        throw new InputException(
            src,
            p,
            "expected shape " + Arrays.toString(e.shape()) + ", got " + Arrays.toString(dims));
      }
      float[] values = h.finiteFloats(p);
      if (e.name().endsWith("running_var")) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] < 0) {
            throw new InputException(
                src, p, "value " + i + " is " + values[i] + "; a variance is never negative");
          }
        }
      }
      params.put(e.name(), new Tensor(dims, values));
    }
    checkNoExtraDatasets(h, params);
    Map<String, String> provenance = new TreeMap<>();
    if (h.exists("/provenance")) {
      Node g = h.node("/provenance");
      for (String name : g.getAttributes().keySet()) {
        Object v = g.getAttribute(name).getData();
        provenance.put(name, scalarToString(v));
      }
    }
    return new SpikeScrModel(config, params, provenance);
  }

  /**
   * Checks {@code format_version} and, from version 2 on, makes every tensor read verify its
   * checksum.
   */
  static int readVersion(Hdf5Access h) {
    int version = h.intAttribute("/", "format_version", OLDEST_VERSION, VERSION);
    if (version >= 2) {
      h.verifyChecksums(Checksums.ATTRIBUTE);
    }
    return version;
  }

  private static String scalarToString(Object v) {
    while (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 1) {
      v = java.lang.reflect.Array.get(v, 0);
    }
    return String.valueOf(v);
  }

  private static void checkNoExtraDatasets(Hdf5Access h, Map<String, Tensor> params) {
    Map<String, Boolean> expected = new HashMap<>();
    for (String name : params.keySet()) {
      expected.put(datasetPath(name), Boolean.TRUE);
    }
    walk(h, h.file(), expected);
  }

  private static void walk(Hdf5Access h, io.jhdf.api.Group g, Map<String, Boolean> expected) {
    for (Node n : g.getChildren().values()) {
      if (n.isGroup()) {
        if (!"/provenance".equals(n.getPath()) && !"/provenance/".equals(n.getPath())) {
          walk(h, (io.jhdf.api.Group) n, expected);
        }
      } else {
        String p = n.getPath();
        if (!expected.containsKey(p)) {
          throw new InputException(
              h.path().toString(), p, "unexpected dataset; not a parameter of this configuration");
        }
      }
    }
  }

  /** Reads the root attributes into a configuration. */
  static ModelConfig readConfig(Hdf5Access h) {
    String src = h.path().toString();
    int d = h.intAttribute("/", "d_model", 1, 1 << 16);
    int heads = h.intAttribute("/", "heads", 1, 1 << 12);
    int depth = h.intAttribute("/", "depth", 1, 64);
    int f = h.intAttribute("/", "mlp_hidden", 1, 1 << 18);
    int k = h.intAttribute("/", "kernel_size", 1, 1023);
    int classes = h.intAttribute("/", "classes", 1, 1 << 16);
    int ch = h.intAttribute("/", "input_channels", 1, 1 << 16);
    int t = h.intAttribute("/", "time_steps", 1, MAX_TIME_STEPS);
    String kindName = h.stringAttribute("/", "input_kind");
    InputKind kind = InputKind.fromFileName(kindName);
    if (kind == null) {
      throw new InputException(
          src, "@input_kind", "expected 'spikes' or 'mel', got '" + kindName + "'");
    }
    String layoutName = h.stringAttribute("/", "qk_layout");
    QkLayout layout = QkLayout.fromFileName(layoutName);
    if (layout == null) {
      throw new InputException(
          src, "@qk_layout", "expected 'official' or 'time', got '" + layoutName + "'");
    }
    double frameMs = 0;
    int hop = 0;
    if (kind == InputKind.SPIKES) {
      frameMs = h.doubleAttribute("/", "frame_ms");
      if (!(frameMs > 0) || !Double.isFinite(frameMs)) {
        throw new InputException(
            src, "@frame_ms", "expected a positive frame length in ms, got " + frameMs);
      }
    } else {
      hop = h.intAttribute("/", "hop_samples", 1, 1 << 20);
    }
    if (d % heads != 0 || (d / heads) % 2 != 0) {
      throw new InputException(
          src,
          "@heads",
          "d_model " + d + " must split into heads of even width, got heads " + heads);
    }
    if (k % 2 == 0) {
      throw new InputException(src, "@kernel_size", "expected an odd kernel, got " + k);
    }
    return new ModelConfig(d, heads, depth, f, k, classes, kind, ch, frameMs, hop, t, layout);
  }

  /** The dataset path of a state_dict key. */
  public static String datasetPath(String stateDictKey) {
    return "/" + stateDictKey.replace('.', '/');
  }

  /**
   * Writes a model file. The file appears complete or not at all: data goes to a temporary file
   * beside the target, which is then moved into place.
   */
  public static void write(SpikeScrModel model, Path path) {
    Hdf5Access.writeAtomically(
        path,
        w -> {
          writeConfig(w, model.config());
          for (Map.Entry<String, Tensor> e : model.parameters().entrySet()) {
            putTensor(w, e.getKey(), e.getValue());
          }
          if (!model.provenance().isEmpty()) {
            WritableGroup g = w.putGroup("provenance");
            for (Map.Entry<String, String> e : new TreeMap<>(model.provenance()).entrySet()) {
              g.putAttribute(e.getKey(), e.getValue());
            }
          }
        });
  }

  static void writeConfig(WritableHdfFile w, ModelConfig c) {
    writeConfig(w, c, KIND_FLOAT);
  }

  /** Writes the root attributes shared by float and quantized model files. */
  static void writeConfig(WritableHdfFile w, ModelConfig c, String kind) {
    w.putAttribute("format", FORMAT);
    w.putAttribute("format_version", (long) VERSION);
    w.putAttribute("kind", kind);
    w.putAttribute("d_model", (long) c.dModel());
    w.putAttribute("heads", (long) c.heads());
    w.putAttribute("depth", (long) c.depth());
    w.putAttribute("mlp_hidden", (long) c.mlpHidden());
    w.putAttribute("kernel_size", (long) c.kernelSize());
    w.putAttribute("classes", (long) c.classes());
    w.putAttribute("input_kind", c.inputKind().fileName());
    w.putAttribute("input_channels", (long) c.inputChannels());
    if (c.inputKind() == InputKind.SPIKES) {
      w.putAttribute("frame_ms", c.frameMs());
    } else {
      w.putAttribute("hop_samples", (long) c.hopSamples());
    }
    w.putAttribute("time_steps", (long) c.timeSteps());
    w.putAttribute("qk_layout", c.qkLayout().fileName());
  }

  private static void putTensor(WritableHdfFile w, String key, Tensor t) {
    String[] parts = key.split("\\.", -1);
    WritableGroup g = w;
    for (int i = 0; i < parts.length - 1; i++) {
      io.jhdf.api.Node child = g.getChildren().get(parts[i]);
      g = child instanceof WritableGroup wg ? wg : g.putGroup(parts[i]);
    }
    Checksums.putDataset(g, parts[parts.length - 1], shaped(t));
  }

  /** The tensor as a nested Java float array of its own rank, as jhdf writes it. */
  static Object shaped(Tensor t) {
    return NestedArrays.nest(t.data(), t.shape());
  }
}
