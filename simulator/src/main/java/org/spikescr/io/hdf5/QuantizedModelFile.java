package org.spikescr.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.errors.InputException;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.ModelConfig;
import org.spikescr.quant.IntTensor;
import org.spikescr.quant.QuantSettings;
import org.spikescr.quant.QuantizedBlock;
import org.spikescr.quant.QuantizedHead;
import org.spikescr.quant.QuantizedModel;
import org.spikescr.quant.ReadoutTable;
import org.spikescr.quant.RopeTable;
import org.spikescr.quant.SynapticLayer;
import org.spikescr.quant.ThresholdLif;

/**
 * Reads and writes quantized model files ({@code kind = quantized}, {@code docs/model-format.md}).
 */
public final class QuantizedModelFile {
  /** Value of the root attribute {@code kind} for quantized models. */
  public static final String KIND_QUANTIZED = "quantized";

  private QuantizedModelFile() {}

  /**
   * Writes a quantized model. The file appears complete or not at all: data goes to a temporary
   * file beside the target, which is then moved into place.
   */
  public static void write(QuantizedModel model, Path path) {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    try {
      try (WritableHdfFile w = HdfFile.write(tmp)) {
        writeAll(w, model);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + path, e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void writeAll(WritableHdfFile w, QuantizedModel m) {
    ModelFile.writeConfig(w, m.config(), KIND_QUANTIZED);
    QuantSettings s = m.settings();
    w.putAttribute("weight_bits", (long) s.weightBits());
    w.putAttribute("membrane_frac_bits", (long) s.membraneFracBits());
    w.putAttribute("scale_span_bits", (long) s.scaleSpanBits());
    w.putAttribute("max_time_steps", (long) s.maxTimeSteps());
    w.putAttribute("input_total_bits", (long) s.inputFormat().totalBits());
    w.putAttribute("input_int_bits", (long) s.inputFormat().intBits());
    w.putAttribute("input_signed", s.inputFormat().signed() ? 1L : 0L);
    w.putAttribute("rope_frac_bits", (long) s.ropeFracBits());
    for (SynapticLayer l : m.synapticLayers()) {
      writeLayer(group(w, l.name()), l);
    }
    for (int i = 0; i < m.blocks().size(); i++) {
      QuantizedBlock.QuantizedAttention a = m.blocks().get(i).attention();
      String b = "blocks." + i + ".attn.";
      writeThresholdLif(group(w, b + "q_lif2"), a.qLif2());
      writeThresholdLif(group(w, b + "k_lif2"), a.kLif2());
      WritableGroup attn = group(w, b + "attn_lif");
      writeThresholdLif(attn, a.attnLif());
      attn.putAttribute("y_bits", (long) a.yBits());
      WritableGroup rope = group(w, b + "rope");
      rope.putDataset("cos", nest(a.rope().cos()));
      rope.putDataset("sin", nest(a.rope().sin()));
    }
    WritableGroup head = group(w, "head");
    head.putDataset("weight", nest(m.head().weight()));
    head.putAttribute("scale", m.head().scale());
    head.putAttribute("logit_bits", (long) m.head().logitBits());
    WritableGroup readout = group(w, "readout");
    readout.putDataset("exp_table", m.readout().expTable());
    readout.putAttribute("exp_frac_bits", (long) m.readout().expFracBits());
    readout.putAttribute("index_shift", (long) m.readout().indexShift());
    readout.putAttribute("prob_frac_bits", (long) m.readout().probFracBits());
    if (!m.provenance().isEmpty()) {
      WritableGroup g = w.putGroup("provenance");
      for (Map.Entry<String, String> e : new TreeMap<>(m.provenance()).entrySet()) {
        g.putAttribute(e.getKey(), e.getValue());
      }
    }
  }

  private static void writeLayer(WritableGroup g, SynapticLayer l) {
    g.putDataset("weight", nest(l.weight()));
    g.putDataset("bias", l.bias());
    g.putDataset("threshold", l.threshold());
    g.putDataset("scale", l.scale());
    g.putAttribute("lif", l.lif());
    g.putAttribute("input_lo", l.inputLo());
    g.putAttribute("input_hi", l.inputHi());
    g.putAttribute("acc_bits", (long) l.accBits());
    g.putAttribute("membrane_bits", (long) l.membraneBits());
  }

  private static void writeThresholdLif(WritableGroup g, ThresholdLif l) {
    g.putAttribute("threshold", l.threshold());
    g.putAttribute("membrane_bits", (long) l.membraneBits());
  }

  /** The group for a dotted name, creating the path as needed. */
  private static WritableGroup group(WritableHdfFile w, String dotted) {
    WritableGroup g = w;
    for (String part : dotted.split("\\.")) {
      Node child = g.getChildren().get(part);
      g = child instanceof WritableGroup wg ? wg : g.putGroup(part);
    }
    return g;
  }

  /** An integer tensor as a nested Java int array of its own rank, as jhdf writes it. */
  private static Object nest(IntTensor t) {
    return nest(t.data(), t.shape(), 0, 0);
  }

  private static Object nest(int[] data, int[] shape, int dim, int offset) {
    if (dim == shape.length - 1) {
      return Arrays.copyOfRange(data, offset, offset + shape[dim]);
    }
    int stride = 1;
    for (int i = dim + 1; i < shape.length; i++) {
      stride *= shape[i];
    }
    Class<?> component = int.class;
    for (int i = dim + 1; i < shape.length; i++) {
      component = component.arrayType();
    }
    Object arr = java.lang.reflect.Array.newInstance(component, shape[dim]);
    for (int i = 0; i < shape[dim]; i++) {
      java.lang.reflect.Array.set(arr, i, nest(data, shape, dim + 1, offset + i * stride));
    }
    return arr;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  /** Reads and validates a quantized model file. */
  public static QuantizedModel read(Path path) {
    try (Hdf5Access h = Hdf5Access.open(path)) {
      String src = path.toString();
      String format = h.stringAttribute("/", "format");
      if (!ModelFile.FORMAT.equals(format)) {
        throw new InputException(
            src, "@format", "expected '" + ModelFile.FORMAT + "', got '" + format + "'");
      }
      int version = h.intAttribute("/", "format_version", 0, Integer.MAX_VALUE);
      if (version != ModelFile.VERSION) {
        throw new InputException(
            src, "@format_version", "expected " + ModelFile.VERSION + ", got " + version);
      }
      String kind = h.stringAttribute("/", "kind");
      if (!KIND_QUANTIZED.equals(kind)) {
        throw new InputException(
            src,
            "@kind",
            "expected '" + KIND_QUANTIZED + "' (a quantized model), got '" + kind + "'");
      }
      ModelConfig c = ModelFile.readConfig(h);
      Reader r = new Reader(h, c);
      return r.model();
    }
  }

  /** Reads one file; every failure names the file, the path and what was expected. */
  private static final class Reader {
    private final Hdf5Access h;
    private final ModelConfig c;
    private final String src;
    private QuantSettings s;

    Reader(Hdf5Access h, ModelConfig c) {
      this.h = h;
      this.c = c;
      this.src = h.path().toString();
    }

    QuantizedModel model() {
      int weightBits = h.intAttribute("/", "weight_bits", 4, 16);
      int g = h.intAttribute("/", "membrane_frac_bits", 0, 16);
      int span = h.intAttribute("/", "scale_span_bits", 0, 16);
      int tMax = h.intAttribute("/", "max_time_steps", 1, 1 << 20);
      int inW = h.intAttribute("/", "input_total_bits", 1, 24);
      int inI = h.intAttribute("/", "input_int_bits", -40, 64);
      int inS = h.intAttribute("/", "input_signed", 0, 1);
      int fr = h.intAttribute("/", "rope_frac_bits", 1, 16);
      long[] table = longs("/readout/exp_table", null);
      int ef = h.intAttribute("/readout", "exp_frac_bits", 1, 30);
      int shift = h.intAttribute("/readout", "index_shift", 0, 62);
      int pf = h.intAttribute("/readout", "prob_frac_bits", 1, 30);
      try {
        s =
            new QuantSettings(
                weightBits,
                g,
                span,
                tMax,
                new FixedFormat(inW, inI, inS == 1),
                fr,
                table.length,
                ef,
                pf);
      } catch (IllegalArgumentException e) {
        throw new InputException(
            src, "/", "inconsistent quantization settings: " + e.getMessage(), e);
      }
      int d = c.dModel();
      int f = c.mlpHidden();
      SynapticLayer embed = layer("spike_embed", d, c.inputChannels(), 3);
      List<QuantizedBlock> blocks = new ArrayList<>();
      for (int i = 0; i < c.depth(); i++) {
        String b = "blocks." + i + ".";
        QuantizedBlock.QuantizedAttention attn =
            new QuantizedBlock.QuantizedAttention(
                layer(b + "attn.q", d, d),
                layer(b + "attn.k", d, d),
                layer(b + "attn.v", d, d),
                layer(b + "attn.proj", d, d),
                thresholdLif(b + "attn.q_lif2"),
                thresholdLif(b + "attn.k_lif2"),
                thresholdLif(b + "attn.attn_lif"),
                h.intAttribute(path(b + "attn.attn_lif"), "y_bits", 1, 62),
                rope(b + "attn.rope"));
        String cm = b + "conformer_module.";
        blocks.add(
            new QuantizedBlock(
                attn,
                new QuantizedBlock.QuantizedMlp(
                    layer(b + "mlp1.fc1", f, d), layer(b + "mlp1.fc2", d, f)),
                new QuantizedBlock.QuantizedConvModule(
                    layer(cm + "pw1", d, d),
                    layer(cm + "dw", d, c.kernelSize()),
                    layer(cm + "value", d, d),
                    layer(cm + "gate", d, d),
                    layer(cm + "gsu_proj", d, d)),
                new QuantizedBlock.QuantizedMlp(
                    layer(b + "mlp2.fc1", f, d), layer(b + "mlp2.fc2", d, f))));
      }
      IntTensor headWeight = weights("/head/weight", c.classes(), d);
      QuantizedHead head;
      ReadoutTable readout;
      try {
        head =
            new QuantizedHead(
                headWeight,
                h.doubleAttribute("/head", "scale"),
                h.intAttribute("/head", "logit_bits", 1, 62));
        readout = new ReadoutTable(table, ef, shift, pf);
      } catch (IllegalArgumentException e) {
        throw new InputException(src, "/head, /readout", e.getMessage(), e);
      }
      Map<String, String> provenance = new TreeMap<>();
      if (h.exists("/provenance")) {
        Node n = h.node("/provenance");
        for (String name : n.getAttributes().keySet()) {
          provenance.put(name, h.stringAttribute("/provenance", name));
        }
      }
      return new QuantizedModel(c, s, embed, blocks, head, readout, provenance);
    }

    private static String path(String dotted) {
      return "/" + dotted.replace('.', '/');
    }

    private SynapticLayer layer(String name, int... shape) {
      String p = path(name);
      if (!h.exists(p)) {
        throw new InputException(src, p, "missing quantized layer group");
      }
      int out = shape[0];
      IntTensor w = weights(p + "/weight", shape);
      long[] bias = longs(p + "/bias", out);
      long[] threshold = longs(p + "/threshold", out);
      double[] scale = h.doubles(p + "/scale");
      if (scale.length != out) {
        throw new InputException(
            src, p + "/scale", "expected " + out + " values, got " + scale.length);
      }
      try {
        return new SynapticLayer(
            name,
            h.stringAttribute(p, "lif"),
            w,
            bias,
            threshold,
            scale,
            h.longAttribute(p, "input_lo"),
            h.longAttribute(p, "input_hi"),
            h.intAttribute(p, "acc_bits", 1, FixedFormat.MAX_TOTAL_BITS),
            h.intAttribute(p, "membrane_bits", 1, FixedFormat.MAX_TOTAL_BITS));
      } catch (IllegalArgumentException e) {
        throw new InputException(src, p, e.getMessage(), e);
      }
    }

    private ThresholdLif thresholdLif(String name) {
      String p = path(name);
      if (!h.exists(p)) {
        throw new InputException(src, p, "missing LIF group");
      }
      try {
        return new ThresholdLif(
            name,
            h.longAttribute(p, "threshold"),
            h.intAttribute(p, "membrane_bits", 1, FixedFormat.MAX_TOTAL_BITS));
      } catch (IllegalArgumentException e) {
        throw new InputException(src, p, e.getMessage(), e);
      }
    }

    private RopeTable rope(String name) {
      String p = path(name);
      int half = c.headDim() / 2;
      try {
        return new RopeTable(
            FixedFormat.ofSigned(s.ropeFracBits() + 2, 2),
            ints(p + "/cos", s.maxTimeSteps(), half),
            ints(p + "/sin", s.maxTimeSteps(), half));
      } catch (IllegalArgumentException e) {
        throw new InputException(src, p, e.getMessage(), e);
      }
    }

    private IntTensor weights(String p, int... shape) {
      IntTensor t = ints(p, shape);
      int qmax = s.weightMax();
      if (t.maxAbs() > qmax) {
        throw new InputException(
            src,
            p,
            "weights must lie in -" + qmax + ".." + qmax + " for " + s.weightBits() + " bits");
      }
      return t;
    }

    private IntTensor ints(String p, int... shape) {
      if (!h.exists(p)) {
        throw new InputException(
            src, p, "missing dataset, expected shape " + Arrays.toString(shape));
      }
      int[] dims = h.dimensions(p);
      if (!Arrays.equals(dims, shape)) {
        throw new InputException(
            src, p, "expected shape " + Arrays.toString(shape) + ", got " + Arrays.toString(dims));
      }
      long[] v = h.longs(p);
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
          throw new InputException(src, p, "value " + i + " (" + v[i] + ") does not fit 32 bits");
        }
        out[i] = (int) v[i];
      }
      return new IntTensor(shape, out);
    }

    private long[] longs(String p, Integer length) {
      if (!h.exists(p)) {
        throw new InputException(src, p, "missing dataset");
      }
      long[] v = h.longs(p);
      if (length != null && v.length != length) {
        throw new InputException(src, p, "expected " + length + " values, got " + v.length);
      }
      return v;
    }
  }
}
