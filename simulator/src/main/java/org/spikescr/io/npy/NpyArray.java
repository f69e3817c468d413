package org.spikescr.io.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * An array read from a NumPy {@code .npy} file, kept in row-major order.
 *
 * @param shape dimensions, outermost first
 * @param dtype the NumPy type code without byte order ({@code f4}, {@code f8}, {@code i8}, {@code
 *     u1}, ...)
 * @param values every value widened to double (exact for every supported type but 64-bit integers
 *     beyond 2^53, which {@link NpyReader} rejects)
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record NpyArray(int[] shape, String dtype, double[] values) {
  /** Copies. */
  public NpyArray {
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** Size of dimension {@code i}. */
  public int dim(int i) {
    return shape[i];
  }

  /** Number of values. */
  public long size() {
    return values.length;
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Value at a flat row-major index. */
  public double at(int i) {
    return values[i];
  }

  /** Values as float32 (exact for {@code f4} data). */
  public float[] toFloats() {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** The sub-array {@code [index]} of the outermost dimension, as a flat slice. */
  public double[] slice(int index) {
    int inner = values.length / shape[0];
    return Arrays.copyOfRange(values, index * inner, (index + 1) * inner);
  }

  /** Rows of the outermost dimension {@code index} reshaped to {@code [dim1][rest]}. */
  public double[][] matrix(int index) {
    double[] flat = slice(index);
    int rows = shape[1];
    int cols = flat.length / rows;
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, m[r], 0, cols);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a
        && Arrays.equals(shape, a.shape)
        && dtype.equals(a.dtype)
        && Arrays.equals(values, a.values);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(shape) * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
