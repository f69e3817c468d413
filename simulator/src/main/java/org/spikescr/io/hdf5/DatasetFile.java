package org.spikescr.io.hdf5;

import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.data.Validation;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;

/**
 * Reads dataset files in both layouts of {@code docs/dataset-format.md} (the official SHD/SSC
 * variable-length layout and the flat layout, format version 1) and writes the flat layout.
 *
 * <p>Every problem with a file is an {@link InputException} naming the file, the dataset or
 * attribute, and what was expected. Writing is atomic: the data goes to a temporary file beside the
 * target, which is moved into place only when complete.
 *
 * <p>This class uses jhdf's writer directly (reads go through {@link Hdf5Access}); it is the one
 * place outside {@code io.hdf5} that does, because the dataset format belongs with the data
 * records.
 */
public final class DatasetFile {
  /** Value of the root attribute {@code format} of the flat layout. */
  public static final String FORMAT = "spikescr-dataset";

  /** The flat-layout format version this code reads and writes. */
  public static final int VERSION = 1;

  /** Units of the official SHD/SSC layout. */
  public static final int OFFICIAL_UNITS = 700;

  private DatasetFile() {}

  /** Reads and validates a dataset file in either layout. */
  public static Dataset read(Path path) {
    return Hdf5Access.read(
        path,
        "dataset file",
        h -> {
          if (h.hasAttribute("/", "format")) {
            String format = h.stringAttribute("/", "format");
            if (!FORMAT.equals(format)) {
              throw new InputException(
                  path.toString(), "@format", "expected '" + FORMAT + "', got '" + format + "'");
            }
            return FlatReader.read(h);
          }
          return readOfficial(h);
        });
  }

  private static Dataset readOfficial(Hdf5Access h) {
    String src = h.path().toString();
    Object rawTimes = h.rawData("/spikes/times");
    Object rawUnits = h.rawData("/spikes/units");
    if (!(rawTimes instanceof Object[] times)) {
      throw new InputException(
          src,
          "/spikes/times",
          "expected variable-length arrays (official layout) or a root attribute format='"
              + FORMAT
              + "' (flat layout)");
    }
    if (!(rawUnits instanceof Object[] units)) {
      throw new InputException(src, "/spikes/units", "expected variable-length integer arrays");
    }
    int n = times.length;
    if (units.length != n) {
      throw new InputException(
          src,
          "/spikes/units",
          "expected " + n + " samples like /spikes/times, got " + units.length);
    }
    long[] labels = h.longs("/labels");
    checkLength(src, "/labels", labels.length, n);
    long[] speakers = optionalLongs(h, "/extra/speaker", n);
    List<String> keys = h.exists("/extra/keys") ? List.of(h.strings("/extra/keys")) : List.of();
    List<Sample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] t = toDoubles(src, "/spikes/times", i, times[i]);
      int[] u = toInts(src, "/spikes/units", i, units[i]);
      if (u.length != t.length) {
        throw new InputException(
            src,
            "/spikes/units",
            "sample " + i + " has " + u.length + " units but " + t.length + " times");
      }
      Validation.checkSpikes(src, "/spikes", i, t, u, OFFICIAL_UNITS);
      int label = Validation.label(src, labels[i], i, keys.size());
      samples.add(Sample.ofSpikes(label, (int) speakers[i], "", new SpikeEvents(t, u)));
    }
    return new Dataset(InputKind.SPIKES, OFFICIAL_UNITS, samples, keys, 0, 0);
  }

  static void checkLength(String src, String field, int got, int expected) {
    if (got != expected) {
      throw new InputException(
          src, field, "expected " + expected + " entries (one per sample), got " + got);
    }
  }

  static long[] optionalLongs(Hdf5Access h, String field, int n) {
    if (!h.exists(field)) {
      long[] none = new long[n];
      Arrays.fill(none, -1);
      return none;
    }
    long[] v = h.longs(field);
    checkLength(h.path().toString(), field, v.length, n);
    for (int i = 0; i < n; i++) {
      if (v[i] < -1 || v[i] > Integer.MAX_VALUE) {
        throw new InputException(
            h.path().toString(), field, "sample " + i + ": expected -1 or an id, got " + v[i]);
      }
    }
    return v;
  }

  private static double[] toDoubles(String src, String field, int i, Object o) {
    if (o instanceof double[] d) {
      return d;
    }
    if (o instanceof float[] f) {
      double[] out = new double[f.length];
      for (int k = 0; k < f.length; k++) {
        out[k] = f[k];
      }
      return out;
    }
    throw new InputException(
        src, field, "sample " + i + ": expected floating-point times, got " + describe(o));
  }

  private static int[] toInts(String src, String field, int i, Object o) {
    if (o instanceof int[] a) {
      return a;
    }
    if (o instanceof short[] || o instanceof byte[] || o instanceof long[]) {
      int len = Array.getLength(o);
      int[] out = new int[len];
      for (int k = 0; k < len; k++) {
        long v = ((Number) Array.get(o, k)).longValue();
        out[k] = v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? -1 : (int) v;
      }
      return out;
    }
    throw new InputException(
        src, field, "sample " + i + ": expected integer unit ids, got " + describe(o));
  }

  private static String describe(Object o) {
    return o == null ? "nothing" : o.getClass().getSimpleName();
  }

  /** Writes a dataset in the flat layout, without a front-end description. */
  public static void write(Dataset d, Path path) {
    write(d, path, "");
  }

  /**
   * Writes a dataset in the flat layout; {@code frontend} (the front-end and its parameters) is
   * stored as the root attribute {@code frontend} when not empty. The file appears complete or not
   * at all.
   */
  public static void write(Dataset d, Path path, String frontend) {
    if (d.size() == 0) {
      throw new IllegalArgumentException("cannot write " + path + ": the dataset has no samples");
    }
    Hdf5Access.writeAtomically(path, w -> writeContents(w, d, frontend));
  }

  private static void writeContents(WritableHdfFile w, Dataset d, String frontend) {
    int n = d.size();
    w.putAttribute("format", FORMAT);
    w.putAttribute("format_version", (long) VERSION);
    w.putAttribute("input_kind", d.kind().fileName());
    w.putAttribute("channels", (long) d.channels());
    w.putAttribute("samples", (long) n);
    if (d.windowS() > 0) {
      w.putAttribute("window_s", d.windowS());
    }
    if (d.kind() == InputKind.MEL) {
      w.putAttribute("hop_samples", (long) d.hopSamples());
    }
    if (frontend != null && !frontend.isEmpty()) {
      w.putAttribute("frontend", frontend);
    }
    long[] offsets = new long[n + 1];
    if (d.kind() == InputKind.SPIKES) {
      writeSpikes(w.putGroup("spikes"), d, offsets);
    } else {
      writeFrames(w.putGroup("frames"), d, offsets);
    }
    int[] labels = new int[n];
    int[] speakers = new int[n];
    String[] sources = new String[n];
    boolean anySource = false;
    for (int i = 0; i < n; i++) {
      Sample s = d.sample(i);
      labels[i] = s.label();
      speakers[i] = s.speaker();
      sources[i] = s.source();
      anySource |= !s.source().isEmpty();
    }
    w.putDataset("labels", labels);
    WritableGroup extra = w.putGroup("extra");
    extra.putDataset("speaker", speakers);
    if (!d.classNames().isEmpty()) {
      extra.putDataset("keys", d.classNames().toArray(new String[0]));
    }
    if (anySource) {
      extra.putDataset("source", sources);
    }
  }

  private static void writeSpikes(WritableGroup g, Dataset d, long[] offsets) {
    int n = d.size();
    for (int i = 0; i < n; i++) {
      int c = d.sample(i).events().count();
      if (c == 0) {
        throw new IllegalArgumentException("sample " + i + " has no spikes; cannot write it");
      }
      offsets[i + 1] = offsets[i] + c;
    }
    if (offsets[n] > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many spikes for one file: " + offsets[n]);
    }
    double[] times = new double[(int) offsets[n]];
    int[] units = new int[times.length];
    for (int i = 0; i < n; i++) {
      SpikeEvents e = d.sample(i).events();
      int base = (int) offsets[i];
      for (int k = 0; k < e.count(); k++) {
        times[base + k] = e.time(k);
        units[base + k] = e.unit(k);
      }
    }
    g.putDataset("times", times);
    g.putDataset("units", units);
    g.putDataset("offsets", offsets);
  }

  private static void writeFrames(WritableGroup g, Dataset d, long[] offsets) {
    int n = d.size();
    for (int i = 0; i < n; i++) {
      int c = d.sample(i).frameCount();
      if (c == 0) {
        throw new IllegalArgumentException("sample " + i + " has no frames; cannot write it");
      }
      offsets[i + 1] = offsets[i] + c;
    }
    float[][] data = new float[(int) offsets[n]][];
    for (int i = 0; i < n; i++) {
      float[][] f = d.sample(i).frames();
      System.arraycopy(f, 0, data, (int) offsets[i], f.length);
    }
    g.putDataset("data", data);
    g.putDataset("offsets", offsets);
  }
}
