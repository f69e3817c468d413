package org.spikescr.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spikescr.errors.InputException;

/**
 * Typed, validating reads from an open HDF5 file. Every failure is an {@link InputException} that
 * names the file, the path inside it and what was expected.
 */
public final class Hdf5Access implements AutoCloseable {
  private final Path path;
  private final HdfFile file;
  private String checksumAttribute;

  private Hdf5Access(Path path, HdfFile file) {
    this.path = path;
    this.file = file;
  }

  /** Opens a file for reading; a missing, unreadable or non-HDF5 file is an input error. */
  public static Hdf5Access open(Path path) {
    if (Files.isDirectory(path)) {
      throw new InputException(
          path.toString(),
          "",
          "is a directory; expected an HDF5 file (.h5)"
              + (holdsWav(path)
                  ? ". For a folder of WAV recordings, make a dataset first: spikescr encode"
                  : ""));
    }
    if (!Files.isRegularFile(path)) {
      throw new InputException(path.toString(), "", "no such file");
    }
    try {
      return new Hdf5Access(path, new HdfFile(path));
    } catch (RuntimeException e) {
      throw new InputException(
          path.toString(), "", "not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  private static boolean holdsWav(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(
          p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav"));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Opens a file and applies a reader to it, so that whatever the HDF5 library throws on a damaged
   * file (bit flips, truncation, absurd sizes) becomes an {@link InputException} naming the file.
   *
   * @param path the file
   * @param what what the file should be, for the message ("model file")
   * @param reader reads and validates the contents
   */
  public static <T> T read(
      Path path, String what, java.util.function.Function<Hdf5Access, T> reader) {
    try (Hdf5Access h = open(path)) {
      Truncation.check(path);
      return reader.apply(h);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InputException(
          path.toString(), "", "damaged or unreadable " + what + " (" + describe(e) + ")", e);
    } catch (OutOfMemoryError e) {
      throw new InputException(
          path.toString(),
          "",
          "damaged " + what + ": it declares more data than fits in memory",
          e);
    }
  }

  private static String describe(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /**
   * Writes an HDF5 file that appears complete or not at all: {@code contents} fills a temporary
   * file beside the target, which then replaces the target; on any failure the temporary file is
   * removed and nothing is left behind.
   */
  public static void writeAtomically(
      Path path, java.util.function.Consumer<io.jhdf.WritableHdfFile> contents) {
    Path tmp;
    try {
      tmp = org.spikescr.io.AtomicFiles.temporaryBeside(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + path, e);
    }
    try {
      try (io.jhdf.WritableHdfFile w = HdfFile.write(tmp)) {
        contents.accept(w);
      }
      org.spikescr.io.AtomicFiles.moveIntoPlace(tmp, path);
    } catch (java.io.IOException e) {
      org.spikescr.io.AtomicFiles.deleteQuietly(tmp);
      throw new java.io.UncheckedIOException("cannot write " + path, e);
    } catch (RuntimeException e) {
      org.spikescr.io.AtomicFiles.deleteQuietly(tmp);
      throw e;
    }
  }

  /**
   * From now on every dataset read must carry the checksum attribute and match it ({@link
   * Checksums}); a missing or wrong checksum is an input error naming the dataset.
   */
  void verifyChecksums(String attribute) {
    this.checksumAttribute = attribute;
  }

  /** The file being read. */
  public Path path() {
    return path;
  }

  /** The underlying jhdf file (only for code in this package). */
  HdfFile file() {
    return file;
  }

  /** True when an object (group or dataset) exists at the path. */
  public boolean exists(String objectPath) {
    if ("/".equals(objectPath)) {
      return true;
    }
    try {
      file.getByPath(objectPath);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** True when the object at the path carries the attribute. */
  public boolean hasAttribute(String objectPath, String name) {
    return node(objectPath).getAttributes().containsKey(name);
  }

  /** The node at a path; fails when it is missing. */
  public Node node(String objectPath) {
    if ("/".equals(objectPath)) {
      return file;
    }
    try {
      return file.getByPath(objectPath);
    } catch (RuntimeException e) {
      throw new InputException(path.toString(), objectPath, "missing (" + e.getMessage() + ")", e);
    }
  }

  /** The dataset at a path; fails when it is missing or not a dataset. */
  public Dataset dataset(String objectPath) {
    Node n = node(objectPath);
    if (!(n instanceof Dataset d)) {
      throw new InputException(path.toString(), objectPath, "expected a dataset, found a group");
    }
    return d;
  }

  private Attribute attribute(String objectPath, String name) {
    Attribute a = node(objectPath).getAttributes().get(name);
    if (a == null) {
      throw new InputException(path.toString(), attrField(objectPath, name), "missing attribute");
    }
    return a;
  }

  private static String attrField(String objectPath, String name) {
    return "/".equals(objectPath) ? "@" + name : objectPath + "@" + name;
  }

  private Object scalar(String objectPath, String name) {
    Attribute a = attribute(objectPath, name);
    Object data;
    try {
      data = a.getData();
    } catch (RuntimeException e) {
      throw new InputException(
          path.toString(), attrField(objectPath, name), "unreadable (" + e.getMessage() + ")", e);
    }
    while (data != null && data.getClass().isArray()) {
      if (Array.getLength(data) != 1) {
        throw new InputException(
            path.toString(), attrField(objectPath, name), "expected a single value, got an array");
      }
      data = Array.get(data, 0);
    }
    if (data == null) {
      throw new InputException(path.toString(), attrField(objectPath, name), "empty attribute");
    }
    return data;
  }

  /** An integer attribute (any integer type). */
  public long longAttribute(String objectPath, String name) {
    Object v = scalar(objectPath, name);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      if (b.bitLength() > 63) {
        throw new InputException(
            path.toString(),
            attrField(objectPath, name),
            "expected an integer that fits 64 signed bits, got " + b);
      }
      return b.longValue();
    }
    throw new InputException(
        path.toString(),
        attrField(objectPath, name),
        "expected an integer, got " + v.getClass().getSimpleName() + " " + v);
  }

  /** An integer attribute that must fit an int and lie in {@code [min, max]}. */
  public int intAttribute(String objectPath, String name, int min, int max) {
    long v = longAttribute(objectPath, name);
    if (v < min || v > max) {
      throw new InputException(
          path.toString(),
          attrField(objectPath, name),
          "expected an integer in [" + min + ", " + max + "], got " + v);
    }
    return (int) v;
  }

  /** A numeric attribute (integer or floating point) as a double. */
  public double doubleAttribute(String objectPath, String name) {
    Object v = scalar(objectPath, name);
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InputException(
            path.toString(), attrField(objectPath, name), "expected a finite number, got " + d);
      }
      return d;
    }
    throw new InputException(
        path.toString(),
        attrField(objectPath, name),
        "expected a number, got " + v.getClass().getSimpleName());
  }

  /** A string attribute. */
  public String stringAttribute(String objectPath, String name) {
    Object v = scalar(objectPath, name);
    if (v instanceof String s) {
      return s;
    }
    throw new InputException(
        path.toString(),
        attrField(objectPath, name),
        "expected a string, got " + v.getClass().getSimpleName());
  }

  /** The dimensions of a dataset. */
  public int[] dimensions(String objectPath) {
    return dataset(objectPath).getDimensions();
  }

  /** A floating-point dataset's values, flattened row-major, as float32. */
  public float[] floats(String objectPath) {
    Object flat = flatData(objectPath);
    if (flat instanceof float[] f) {
      return f;
    }
    if (flat instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    throw typeError(objectPath, "floating point", flat);
  }

  /** A numeric dataset's values, flattened row-major, as double. */
  public double[] doubles(String objectPath) {
    Object flat = flatData(objectPath);
    if (flat instanceof double[] d) {
      return d;
    }
    if (flat instanceof float[] f) {
      double[] out = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
      return out;
    }
    long[] l = integersOrNull(flat);
    if (l != null) {
      double[] out = new double[l.length];
      for (int i = 0; i < l.length; i++) {
        out[i] = l[i];
      }
      return out;
    }
    throw typeError(objectPath, "numeric", flat);
  }

  /** An integer dataset's values, flattened row-major. */
  public long[] longs(String objectPath) {
    Object flat = flatData(objectPath);
    long[] l = integersOrNull(flat);
    if (l == null) {
      throw typeError(objectPath, "integer", flat);
    }
    return l;
  }

  /** A string dataset's values, flattened. */
  public String[] strings(String objectPath) {
    Object flat = flatData(objectPath);
    if (flat instanceof String[] s) {
      return s;
    }
    if (flat instanceof Object[] o) {
      String[] out = new String[o.length];
      for (int i = 0; i < o.length; i++) {
        if (!(o[i] instanceof String s)) {
          throw typeError(objectPath, "string", flat);
        }
        out[i] = s;
      }
      return out;
    }
    throw typeError(objectPath, "string", flat);
  }

  /** The raw data of a dataset as jhdf returns it (for layouts this class does not cover). */
  public Object rawData(String objectPath) {
    Dataset d = dataset(objectPath);
    try {
      return d.getData();
    } catch (RuntimeException e) {
      throw new InputException(
          path.toString(), objectPath, "unreadable (" + e.getMessage() + ")", e);
    }
  }

  private Object flatData(String objectPath) {
    Dataset d = dataset(objectPath);
    try {
      if (d.isScalar()) {
        Object v = d.getData();
        Object arr = Array.newInstance(primitiveOf(v), 1);
        Array.set(arr, 0, v);
        return arr;
      }
      Object flat = d.getDataFlat();
      if (checksumAttribute != null) {
        verify(objectPath, flat);
      }
      return flat;
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InputException(
          path.toString(), objectPath, "unreadable (" + e.getMessage() + ")", e);
    }
  }

  private void verify(String objectPath, Object flat) {
    if (!hasAttribute(objectPath, checksumAttribute)) {
      throw new InputException(
          path.toString(),
          attrField(objectPath, checksumAttribute),
          "missing tensor checksum (required from format version 2)");
    }
    long expected = longAttribute(objectPath, checksumAttribute);
    long actual = Checksums.of(flat);
    if (expected != actual) {
      throw new InputException(
          path.toString(),
          objectPath,
          String.format(
              java.util.Locale.ROOT,
              "tensor checksum mismatch (stored %08x, computed %08x): the file is damaged",
              expected,
              actual));
    }
  }

  private static Class<?> primitiveOf(Object v) {
    if (v instanceof Double) {
      return double.class;
    }
    if (v instanceof Float) {
      return float.class;
    }
    if (v instanceof Long) {
      return long.class;
    }
    if (v instanceof Integer) {
      return int.class;
    }
    if (v instanceof Short) {
      return short.class;
    }
    if (v instanceof Byte) {
      return byte.class;
    }
    return v.getClass();
  }

  private static long[] integersOrNull(Object flat) {
    if (flat instanceof long[] l) {
      return l;
    }
    if (flat instanceof int[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (flat instanceof short[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (flat instanceof byte[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i];
      }
      return out;
    }
    return null;
  }

  /** {@link #floats(String)}, refusing NaN and infinities with the index of the first one. */
  public float[] finiteFloats(String objectPath) {
    float[] v = floats(objectPath);
    for (int i = 0; i < v.length; i++) {
      checkFinite(objectPath, i, v[i]);
    }
    return v;
  }

  /** {@link #doubles(String)}, refusing NaN and infinities with the index of the first one. */
  public double[] finiteDoubles(String objectPath) {
    double[] v = doubles(objectPath);
    for (int i = 0; i < v.length; i++) {
      checkFinite(objectPath, i, v[i]);
    }
    return v;
  }

  private void checkFinite(String objectPath, int index, double v) {
    if (!Double.isFinite(v)) {
      throw new InputException(
          path.toString(), objectPath, "value " + index + " is " + v + "; expected finite numbers");
    }
  }

  private InputException typeError(String objectPath, String expected, Object got) {
    String what = got == null ? "nothing" : got.getClass().getSimpleName();
    return new InputException(
        path.toString(), objectPath, "expected " + expected + " values, got " + what);
  }

  @Override
  public void close() {
    file.close();
  }
}
