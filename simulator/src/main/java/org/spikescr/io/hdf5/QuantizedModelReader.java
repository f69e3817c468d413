package org.spikescr.io.hdf5;

import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.errors.InputException;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.LayerNames;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.quantized.IntTensor;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedHead;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.model.quantized.ThresholdLif;

/**
 * Reads the body of one quantized model file into records; every failure is an {@link
 * InputException} naming the file, the path and what was expected.
 */
final class QuantizedModelReader {
  private final Hdf5Access h;
  private final ModelConfig c;
  private final String src;
  private QuantSettings s;

  QuantizedModelReader(Hdf5Access h, ModelConfig c) {
    this.h = h;
    this.c = c;
    this.src = h.path().toString();
  }

  /** An integer attribute that must lie in a setting's range. */
  private static int attribute(
      Hdf5Access h, String objectPath, String name, QuantSettings.Range range) {
    return h.intAttribute(objectPath, name, range.min(), range.max());
  }

  QuantizedModel model() {
    int weightBits = attribute(h, "/", "weight_bits", QuantSettings.WEIGHT_BITS);
    int g = attribute(h, "/", "membrane_frac_bits", QuantSettings.MEMBRANE_FRAC_BITS);
    int span = attribute(h, "/", "scale_span_bits", QuantSettings.SCALE_SPAN_BITS);
    int tMax = attribute(h, "/", "max_time_steps", QuantSettings.MAX_TIME_STEPS);
    int inW = h.intAttribute("/", "input_total_bits", 1, 24);
    int inI = h.intAttribute("/", "input_int_bits", -40, 64);
    int inS = h.intAttribute("/", "input_signed", 0, 1);
    int fr = attribute(h, "/", "rope_frac_bits", QuantSettings.ROPE_FRAC_BITS);
    long[] table = longs("/readout/exp_table", null);
    int ef = attribute(h, "/readout", "exp_frac_bits", QuantSettings.EXP_FRAC_BITS);
    int shift = h.intAttribute("/readout", "index_shift", 0, 62);
    int pf = attribute(h, "/readout", "prob_frac_bits", QuantSettings.PROB_FRAC_BITS);
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
    SynapticLayer embed = layer(LayerNames.EMBEDDING.name(), d, c.inputChannels(), 3);
    List<QuantizedBlock> blocks = new ArrayList<>();
    for (int i = 0; i < c.depth(); i++) {
      LayerNames.Block n = LayerNames.block(i);
      QuantizedBlock.QuantizedAttention attn =
          new QuantizedBlock.QuantizedAttention(
              layer(n.q().name(), d, d),
              layer(n.k().name(), d, d),
              layer(n.v().name(), d, d),
              layer(n.proj().name(), d, d),
              thresholdLif(n.qLif2()),
              thresholdLif(n.kLif2()),
              thresholdLif(n.attnLif()),
              h.intAttribute(path(n.attnLif()), "y_bits", 1, 62),
              rope(n.rope()));
      blocks.add(
          new QuantizedBlock(
              attn,
              new QuantizedBlock.QuantizedMlp(
                  layer(n.mlp1().fc1().name(), f, d), layer(n.mlp1().fc2().name(), d, f)),
              new QuantizedBlock.QuantizedConvModule(
                  layer(n.pw1().name(), d, d),
                  layer(n.dw().name(), d, c.kernelSize()),
                  layer(n.value().name(), d, d),
                  layer(n.gate().name(), d, d),
                  layer(n.gsuProj().name(), d, d)),
              new QuantizedBlock.QuantizedMlp(
                  layer(n.mlp2().fc1().name(), f, d), layer(n.mlp2().fc2().name(), d, f))));
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
    double[] scale = h.finiteDoubles(p + "/scale");
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
      throw new InputException(src, p, "missing dataset, expected shape " + Arrays.toString(shape));
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
