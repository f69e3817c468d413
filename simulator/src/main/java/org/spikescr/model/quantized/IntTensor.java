package org.spikescr.model.quantized;

import java.util.Arrays;

/**
 * An immutable integer tensor in row-major order (integer weights and tables).
 *
 * @param shape the dimensions, outermost first
 * @param data the values, row-major
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record IntTensor(int[] shape, int[] data) {

  /** Validates and copies. */
  public IntTensor {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
    data = data.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int[] data() {
    return data.clone();
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return shape[i];
  }

  /** Number of values. */
  public int size() {
    return data.length;
  }

  /** Value at a flat row-major index. */
  public int at(int flatIndex) {
    return data[flatIndex];
  }

  /** The largest absolute value (0 for an empty tensor). */
  public int maxAbs() {
    int m = 0;
    for (int v : data) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IntTensor" + Arrays.toString(shape);
  }
}
