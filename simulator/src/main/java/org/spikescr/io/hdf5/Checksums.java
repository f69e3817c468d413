package org.spikescr.io.hdf5;

import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Tensor checksums of model files from format version 2 ({@code docs/model-format.md}): every
 * tensor dataset carries an int64 attribute {@code crc32}, the CRC-32 of its values in row-major
 * order as little-endian bytes: float32 values as 4 bytes, float64 values as 8 bytes, integers of
 * any stored width as 8-byte two's complement.
 */
final class Checksums {
  /** Name of the attribute on every tensor dataset. */
  static final String ATTRIBUTE = "crc32";

  private Checksums() {}

  /** Writes a dataset with its checksum attribute. */
  static WritableDataset putDataset(WritableGroup g, String name, Object data) {
    WritableDataset d = g.putDataset(name, data);
    d.putAttribute(ATTRIBUTE, of(data));
    return d;
  }

  /** The checksum of a (possibly nested) primitive array. */
  static long of(Object array) {
    CRC32 crc = new CRC32();
    feed(crc, array);
    return crc.getValue();
  }

  private static void feed(CRC32 crc, Object a) {
    if (a instanceof Object[] o) {
      for (Object e : o) {
        feed(crc, e);
      }
    } else if (a instanceof float[] f) {
      ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : f) {
        b.putFloat(v);
      }
      crc.update(b.array());
    } else if (a instanceof double[] d) {
      ByteBuffer b = ByteBuffer.allocate(8 * d.length).order(ByteOrder.LITTLE_ENDIAN);
      for (double v : d) {
        b.putDouble(v);
      }
      crc.update(b.array());
    } else if (a instanceof long[] l) {
      ByteBuffer b = ByteBuffer.allocate(8 * l.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : l) {
        b.putLong(v);
      }
      crc.update(b.array());
    } else if (a instanceof int[] i) {
      ByteBuffer b = ByteBuffer.allocate(8 * i.length).order(ByteOrder.LITTLE_ENDIAN);
      for (int v : i) {
        b.putLong(v);
      }
      crc.update(b.array());
    } else if (a instanceof short[] s) {
      ByteBuffer b = ByteBuffer.allocate(8 * s.length).order(ByteOrder.LITTLE_ENDIAN);
      for (short v : s) {
        b.putLong(v);
      }
      crc.update(b.array());
    } else if (a instanceof byte[] y) {
      ByteBuffer b = ByteBuffer.allocate(8 * y.length).order(ByteOrder.LITTLE_ENDIAN);
      for (byte v : y) {
        b.putLong(v);
      }
      crc.update(b.array());
    } else {
      throw new IllegalArgumentException(
          "no checksum for " + (a == null ? "null" : a.getClass().getSimpleName()));
    }
  }
}
