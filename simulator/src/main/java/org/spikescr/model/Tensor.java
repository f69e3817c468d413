package org.spikescr.model;

import java.util.Arrays;

/**
 * An immutable float32 tensor in row-major order, as stored in a model file.
 *
 * @param shape the dimensions, outermost first
 * @param data the values, row-major; length equals the product of the dimensions
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record Tensor(int[] shape, float[] data) {

  /** Validates and copies. */
  public Tensor {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
    data = data.clone();
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** A copy of the values. */
  @Override
  public float[] data() {
    return data.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
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
  public float at(int flatIndex) {
    return data[flatIndex];
  }

  /** The values widened to double, row-major. */
  public double[] toDoubles() {
    double[] out = new double[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[i];
    }
    return out;
  }

  /** True when every value is finite. */
  public boolean allFinite() {
    for (float v : data) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** True when no value is below {@code min}. */
  public boolean allAtLeast(float min) {
    for (float v : data) {
      if (v < min) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
