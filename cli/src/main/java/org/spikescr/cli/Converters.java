package org.spikescr.cli;

import org.spikescr.data.FramingSpec;
import org.spikescr.model.quantized.QuantSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option converters that check a numeric range once, where the value is parsed; picocli reports a
 * failure as a usage error (exit 2) naming the option. The quantization ranges come from {@link
 * QuantSettings}, so the command line and the settings accept the same values.
 */
final class Converters {
  private Converters() {}

  static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected an integer, got '" + s + "'");
    }
  }

  static int inRange(String s, QuantSettings.Range range) {
    int v = parseInt(s);
    if (!range.contains(v)) {
      throw new TypeConversionException("expected " + range.expected() + ", got " + v);
    }
    return v;
  }

  /** Signed weight width N ({@link QuantSettings#WEIGHT_BITS}). */
  static final class WeightBits implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return inRange(s, QuantSettings.WEIGHT_BITS);
    }
  }

  /** Membrane fraction bits G ({@link QuantSettings#MEMBRANE_FRAC_BITS}). */
  static final class MembraneFracBits implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return inRange(s, QuantSettings.MEMBRANE_FRAC_BITS);
    }
  }

  /** Longest utterance in frames ({@link QuantSettings#MAX_TIME_STEPS}). */
  static final class MaxTimeSteps implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return inRange(s, QuantSettings.MAX_TIME_STEPS);
    }
  }

  /** A count of at least one. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      int v = parseInt(s);
      if (v < 1) {
        throw new TypeConversionException("expected 1 or more, got " + v);
      }
      return v;
    }
  }

  /** A fixed window in seconds, within {@link FramingSpec#MIN_WINDOW_S} to {@code MAX_WINDOW_S}. */
  static final class WindowSeconds implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = new PositiveReal().convert(s);
      if (v < FramingSpec.MIN_WINDOW_S || v > FramingSpec.MAX_WINDOW_S) {
        throw new TypeConversionException(
            "expected a window of "
                + FramingSpec.MIN_WINDOW_S
                + " to "
                + FramingSpec.MAX_WINDOW_S
                + " seconds, got "
                + s);
      }
      return v;
    }
  }

  /** A mel STFT hop at 8 kHz: 1 to 8000 samples (one second). */
  static final class Hop implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      int v = parseInt(s);
      if (v < 1 || v > 8000) {
        throw new TypeConversionException("expected a hop of 1 to 8000 samples, got " + v);
      }
      return v;
    }
  }

  /** A finite number above zero (a length in ms or s). */
  static final class PositiveReal implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v;
      try {
        v = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a number, got '" + s + "'");
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new TypeConversionException("expected a positive number, got " + s);
      }
      return v;
    }
  }
}
