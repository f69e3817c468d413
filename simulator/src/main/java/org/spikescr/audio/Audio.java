package org.spikescr.audio;

import java.util.Arrays;

/**
 * A mono signal: samples in [-1, 1] (full scale) at a sample rate in hertz.
 *
 * @param samples the signal, copied on the way in and out
 * @param sampleRate samples per second, positive
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record Audio(double[] samples, int sampleRate) {
  /** Copies the samples and checks the rate. */
  public Audio {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    samples = samples.clone();
  }

  /** A copy of the samples. */
  @Override
  public double[] samples() {
    return samples.clone();
  }

  /** The number of samples. */
  public int length() {
    return samples.length;
  }

  /** Sample {@code i}. */
  public double sample(int i) {
    return samples[i];
  }

  /** The duration in seconds. */
  public double durationS() {
    return samples.length / (double) sampleRate;
  }

  /** This signal at another rate (windowed-sinc resampling, {@link Resampler}). */
  public Audio resampled(int rate) {
    return rate == sampleRate
        ? this
        : new Audio(Resampler.resample(samples, sampleRate, rate), rate);
  }

  /** This signal cut or zero-padded at the end to exactly {@code n} samples. */
  public Audio padOrTruncate(int n) {
    return new Audio(Arrays.copyOf(samples, n), sampleRate);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Audio a && sampleRate == a.sampleRate && Arrays.equals(samples, a.samples);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(samples) + sampleRate;
  }

  @Override
  public String toString() {
    return "Audio[" + samples.length + " samples at " + sampleRate + " Hz]";
  }
}
