package org.spikescr.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.errors.InputException;
import org.spikescr.io.AtomicFiles;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.model.quantized.ThresholdLif;

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
    Path tmp;
    try {
      tmp = AtomicFiles.temporaryBeside(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    try {
      try (WritableHdfFile w = HdfFile.write(tmp)) {
        writeAll(w, model);
      }
      AtomicFiles.moveIntoPlace(tmp, path);
    } catch (IOException e) {
      AtomicFiles.deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + path, e);
    } catch (RuntimeException e) {
      AtomicFiles.deleteQuietly(tmp);
      throw e;
    }
  }

  /** Writes every attribute, group and dataset of a quantized model into an open file. */
  static void writeAll(WritableHdfFile w, QuantizedModel m) {
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
      LayerNames.Block n = LayerNames.block(i);
      writeThresholdLif(group(w, n.qLif2()), a.qLif2());
      writeThresholdLif(group(w, n.kLif2()), a.kLif2());
      WritableGroup attn = group(w, n.attnLif());
      writeThresholdLif(attn, a.attnLif());
      attn.putAttribute("y_bits", (long) a.yBits());
      WritableGroup rope = group(w, n.rope());
      Checksums.putDataset(rope, "cos", nest(a.rope().cos()));
      Checksums.putDataset(rope, "sin", nest(a.rope().sin()));
    }
    WritableGroup head = group(w, LayerNames.HEAD);
    Checksums.putDataset(head, "weight", nest(m.head().weight()));
    head.putAttribute("scale", m.head().scale());
    head.putAttribute("logit_bits", (long) m.head().logitBits());
    WritableGroup readout = group(w, "readout");
    Checksums.putDataset(readout, "exp_table", m.readout().expTable());
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
    Checksums.putDataset(g, "weight", nest(l.weight()));
    Checksums.putDataset(g, "bias", l.bias());
    Checksums.putDataset(g, "threshold", l.threshold());
    Checksums.putDataset(g, "scale", l.scale());
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
    for (String part : dotted.split("\\.", -1)) {
      Node child = g.getChildren().get(part);
      g = child instanceof WritableGroup wg ? wg : g.putGroup(part);
    }
    return g;
  }

  /** An integer tensor as a nested Java int array of its own rank, as jhdf writes it. */
  private static Object nest(IntTensor t) {
    return NestedArrays.nest(t.data(), t.shape());
  }

  /** Reads and validates a quantized model file. */
  public static QuantizedModel read(Path path) {
    return Hdf5Access.read(path, "quantized model file", h -> read(h, path));
  }

  private static QuantizedModel read(Hdf5Access h, Path path) {
    String src = path.toString();
    String format = h.stringAttribute("/", "format");
    if (!ModelFile.FORMAT.equals(format)) {
      throw new InputException(
          src, "@format", "expected '" + ModelFile.FORMAT + "', got '" + format + "'");
    }
    ModelFile.readVersion(h);
    String kind = h.stringAttribute("/", "kind");
    if (!KIND_QUANTIZED.equals(kind)) {
      throw new InputException(
          src,
          "@kind",
          "expected '" + KIND_QUANTIZED + "' (a quantized model), got '" + kind + "'");
    }
    ModelConfig c = ModelFile.readConfig(h);
    return new QuantizedModelReader(h, c).model();
  }
}
