package org.spikescr.io.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikescr.errors.InputException;

/**
 * Reads NumPy {@code .npy} files (format versions 1 to 3, C order, little-endian or single-byte
 * types: {@code f4 f8 i1 i2 i4 i8 u1 u2 u4 b1}).
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /** Reads a whole file. */
  public static NpyArray read(Path path) {
    String src = path.toString();
    if (Files.isDirectory(path)) {
      throw new InputException(src, "", "is a directory; expected a .npy file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new InputException(src, "", "cannot read (" + e.getMessage() + ")", e);
    }
    if (bytes.length < 10) {
      throw new InputException(src, "", "too short to be a .npy file");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new InputException(src, "", "not a .npy file (bad magic)");
      }
    }
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int major = bytes[6];
    int headerLen;
    int headerStart;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(bb.getShort(8));
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      headerLen = bb.getInt(8);
      headerStart = 12;
    } else {
      throw new InputException(src, "", "unsupported .npy version " + major);
    }
    if (headerStart + headerLen > bytes.length) {
      throw new InputException(src, "header", "truncated");
    }
    String header =
        new String(
            bytes,
            headerStart,
            headerLen,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher o = ORDER.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !o.find() || !s.find()) {
      throw new InputException(src, "header", "cannot parse '" + header.trim() + "'");
    }
    if ("True".equals(o.group(1))) {
      throw new InputException(src, "fortran_order", "expected C order");
    }
    if (">".equals(d.group(1))) {
      throw new InputException(src, "descr", "big-endian data is not supported");
    }
    String kind = d.group(2);
    int size = headerNumber(src, "descr", d.group(3));
    List<Integer> dims = new ArrayList<>();
    for (String part : s.group(1).split(",", -1)) {
      if (!part.isBlank()) {
        dims.add(headerNumber(src, "shape", part.trim()));
      }
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    long n = 1;
    for (int dim : shape) {
      n *= dim;
      if (n > Integer.MAX_VALUE - 8) {
        throw new InputException(
            src, "shape", "declares more than " + (Integer.MAX_VALUE - 8) + " values");
      }
    }
    int dataStart = headerStart + headerLen;
    if (dataStart + n * size > bytes.length) {
      throw new InputException(
          src, "data", "truncated: expected " + n * size + " bytes of " + kind + size);
    }
    double[] values = new double[(int) n];
    bb.position(dataStart);
    String dtype = kind + size;
    for (int i = 0; i < n; i++) {
      values[i] =
          switch (dtype) {
            case "f4" -> bb.getFloat();
            case "f8" -> bb.getDouble();
            case "i1" -> bb.get();
            case "u1", "b1" -> Byte.toUnsignedInt(bb.get());
            case "i2" -> bb.getShort();
            case "u2" -> Short.toUnsignedInt(bb.getShort());
            case "i4" -> bb.getInt();
            case "u4" -> Integer.toUnsignedLong(bb.getInt());
            case "i8" -> exactLong(bb.getLong(), src);
            default -> throw new InputException(src, "descr", "unsupported type " + dtype);
          };
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InputException(
            src, "data", "value " + i + " is " + values[i] + "; expected finite numbers");
      }
    }
    return new NpyArray(shape, dtype, values);
  }

  private static int headerNumber(String src, String field, String text) {
    try {
      int v = Integer.parseInt(text);
      if (v < 0) {
        throw new InputException(src, field, "expected a count of 0 or more, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InputException(src, field, "expected a count, got '" + text + "'", e);
    }
  }

  private static double exactLong(long v, String src) {
    if (Math.abs(v) > (1L << 53)) {
      throw new InputException(src, "data", "integer " + v + " too large to hold exactly");
    }
    return v;
  }
}
