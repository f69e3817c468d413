package org.spikescr.io.hdf5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikescr.data.Dataset;
import org.spikescr.data.FramingSpec;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.data.Validation;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;

/** Reads the flat dataset layout, format version 1 ({@code docs/dataset-format.md}). */
final class FlatReader {
  private FlatReader() {}

  static Dataset read(Hdf5Access h) {
    String src = h.path().toString();
    int version = h.intAttribute("/", "format_version", 0, Integer.MAX_VALUE);
    if (version != DatasetFile.VERSION) {
      throw new InputException(
          src, "@format_version", "expected " + DatasetFile.VERSION + ", got " + version);
    }
    String kindName = h.stringAttribute("/", "input_kind");
    InputKind kind = InputKind.fromFileName(kindName);
    if (kind == null) {
      throw new InputException(
          src, "@input_kind", "expected 'spikes' or 'mel', got '" + kindName + "'");
    }
    int channels = h.intAttribute("/", "channels", 1, 1 << 20);
    int n = h.intAttribute("/", "samples", 1, Integer.MAX_VALUE - 8);
    double windowS = 0;
    if (h.hasAttribute("/", "window_s")) {
      windowS = h.doubleAttribute("/", "window_s");
      if (!(windowS >= FramingSpec.MIN_WINDOW_S && windowS <= FramingSpec.MAX_WINDOW_S)) {
        throw new InputException(
            src,
            "@window_s",
            "expected a window of "
                + FramingSpec.MIN_WINDOW_S
                + " to "
                + FramingSpec.MAX_WINDOW_S
                + " s, got "
                + windowS);
      }
    }
    int hop = kind == InputKind.MEL ? h.intAttribute("/", "hop_samples", 1, 1 << 20) : 0;
    long[] labels = h.longs("/labels");
    DatasetFile.checkLength(src, "/labels", labels.length, n);
    long[] speakers = DatasetFile.optionalLongs(h, "/extra/speaker", n);
    List<String> keys = h.exists("/extra/keys") ? List.of(h.strings("/extra/keys")) : List.of();
    String[] sources = new String[n];
    Arrays.fill(sources, "");
    if (h.exists("/extra/source")) {
      sources = h.strings("/extra/source");
      DatasetFile.checkLength(src, "/extra/source", sources.length, n);
    }
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = Validation.label(src, labels[i], i, keys.size());
    }
    List<Sample> samples =
        kind == InputKind.SPIKES
            ? spikes(h, n, channels, label, speakers, sources)
            : frames(h, n, channels, label, speakers, sources);
    return new Dataset(kind, channels, samples, keys, windowS, hop);
  }

  private static List<Sample> spikes(
      Hdf5Access h, int n, int channels, int[] label, long[] speakers, String[] sources) {
    String src = h.path().toString();
    double[] times = h.doubles("/spikes/times");
    long[] unitsRaw = h.longs("/spikes/units");
    if (unitsRaw.length != times.length) {
      throw new InputException(
          src,
          "/spikes/units",
          "expected " + times.length + " entries like /spikes/times, got " + unitsRaw.length);
    }
    long[] off = h.longs("/spikes/offsets");
    Validation.checkOffsets(src, "/spikes/offsets", off, n, times.length, "spikes");
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int a = (int) off[i];
      int b = (int) off[i + 1];
      double[] t = Arrays.copyOfRange(times, a, b);
      int[] u = new int[b - a];
      for (int k = 0; k < u.length; k++) {
        long v = unitsRaw[a + k];
        if (v < 0 || v >= channels) {
          throw new InputException(
              src,
              "/spikes/units",
              "sample " + i + " spike " + k + ": unit " + v + "; expected 0.." + (channels - 1));
        }
        u[k] = (int) v;
      }
      Validation.checkSpikes(src, "/spikes", i, t, u, channels);
      out.add(Sample.ofSpikes(label[i], (int) speakers[i], sources[i], new SpikeEvents(t, u)));
    }
    return out;
  }

  private static List<Sample> frames(
      Hdf5Access h, int n, int channels, int[] label, long[] speakers, String[] sources) {
    String src = h.path().toString();
    int[] dims = h.dimensions("/frames/data");
    if (dims.length != 2 || dims[1] != channels) {
      throw new InputException(
          src,
          "/frames/data",
          "expected shape (frames, " + channels + "), got " + Arrays.toString(dims));
    }
    float[] data = h.floats("/frames/data");
    long[] off = h.longs("/frames/offsets");
    Validation.checkOffsets(src, "/frames/offsets", off, n, dims[0], "frames");
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new InputException(
            src,
            "/frames/data",
            "frame " + i / channels + " band " + i % channels + " is " + data[i]);
      }
    }
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int a = (int) off[i];
      int b = (int) off[i + 1];
      float[][] f = new float[b - a][];
      for (int t = a; t < b; t++) {
        f[t - a] = Arrays.copyOfRange(data, t * channels, (t + 1) * channels);
      }
      out.add(Sample.ofFrames(label[i], (int) speakers[i], sources[i], f));
    }
    return out;
  }
}
