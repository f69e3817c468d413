package org.spikescr.io.hdf5;

import java.lang.reflect.Array;

/** Row-major flat primitive arrays turned into the nested Java arrays jhdf writes as datasets. */
final class NestedArrays {
  private NestedArrays() {}

  /**
   * The flat array (a {@code float[]}, {@code int[]}, ...) as a nested array of rank {@code
   * shape.length}; a scalar shape gives the single element.
   */
  static Object nest(Object flat, int[] shape) {
    if (shape.length == 0) {
      return Array.get(flat, 0);
    }
    return nest(flat, shape, 0, 0);
  }

  private static Object nest(Object flat, int[] shape, int dim, int offset) {
    Class<?> element = flat.getClass().getComponentType();
    if (dim == shape.length - 1) {
      Object row = Array.newInstance(element, shape[dim]);
      System.arraycopy(flat, offset, row, 0, shape[dim]);
      return row;
    }
    int stride = 1;
    Class<?> component = element;
    for (int i = dim + 1; i < shape.length; i++) {
      stride *= shape[i];
      component = component.arrayType();
    }
    Object arr = Array.newInstance(component, shape[dim]);
    for (int i = 0; i < shape[dim]; i++) {
      Array.set(arr, i, nest(flat, shape, dim + 1, offset + i * stride));
    }
    return arr;
  }
}
