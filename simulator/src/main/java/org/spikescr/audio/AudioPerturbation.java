package org.spikescr.audio;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A change applied to a recording before its front-end, to measure robustness or to augment
 * training data: optionally a speed change (the recording played {@code speed} times as fast, so it
 * lasts {@code 1/speed} as long and every frequency, pitch and formants alike, is multiplied by
 * {@code speed}, as in the speed perturbation of speech recognition), then an input gain in dB,
 * then optionally white Gaussian noise at a signal-to-noise ratio, the result held within full
 * scale (-1 to 1, as a recording made at that level would be).
 *
 * <p>The speed change resamples the recording from {@code round(rate * speed)} to {@code rate}
 * hertz with {@link Resampler} (band-limited, so a faster recording loses what would fold above the
 * Nyquist frequency) and keeps its sample rate.
 *
 * <p>The noise power is the recording's mean square after the gain divided by {@code 10^(snr/10)}.
 * Its generator is seeded from {@code seed} and the recording's source name, so a recording gets
 * the same noise whatever the order or thread it is encoded in.
 *
 * @param gainDb input gain in dB (0: none)
 * @param noiseSnrDb signal-to-noise ratio of the added noise in dB, or NaN for no noise
 * @param seed seed of the noise
 * @param speed speed factor, {@link #MIN_SPEED} to {@link #MAX_SPEED} (1: none)
 */
public record AudioPerturbation(double gainDb, double noiseSnrDb, long seed, double speed) {
  /** Largest gain magnitude accepted, in dB. */
  public static final double MAX_GAIN_DB = 60;

  /** Largest signal-to-noise ratio magnitude accepted, in dB. */
  public static final double MAX_SNR_DB = 100;

  /** Smallest speed factor accepted. */
  public static final double MIN_SPEED = 0.5;

  /** Largest speed factor accepted. */
  public static final double MAX_SPEED = 2;

  /** No change. */
  public static final AudioPerturbation NONE = new AudioPerturbation(0, Double.NaN, 0);

  /** A gain and optional noise at the recorded speed. */
  public AudioPerturbation(double gainDb, double noiseSnrDb, long seed) {
    this(gainDb, noiseSnrDb, seed, 1);
  }

  /** Checks the values. */
  public AudioPerturbation {
    if (!speedAllowed(speed)) {
      throw new IllegalArgumentException("speed must be within " + SPEED_RANGE + ", got " + speed);
    }
    if (!gainAllowed(gainDb)) {
      throw new IllegalArgumentException(
          "gain must be within +-" + MAX_GAIN_DB + " dB, got " + gainDb);
    }
    if (!Double.isNaN(noiseSnrDb) && !snrAllowed(noiseSnrDb)) {
      throw new IllegalArgumentException(
          "SNR must be within +-" + MAX_SNR_DB + " dB, got " + noiseSnrDb);
    }
  }

  /** Whether {@code db} is a gain this accepts: finite, at most {@link #MAX_GAIN_DB} either way. */
  public static boolean gainAllowed(double db) {
    return Double.isFinite(db) && Math.abs(db) <= MAX_GAIN_DB;
  }

  /** Whether {@code db} is an SNR this accepts: finite, at most {@link #MAX_SNR_DB} either way. */
  public static boolean snrAllowed(double db) {
    return Double.isFinite(db) && Math.abs(db) <= MAX_SNR_DB;
  }

  /** The accepted speed factors in words, for error messages: {@code 0.5 to 2}. */
  public static final String SPEED_RANGE = speedLabel(MIN_SPEED) + " to " + speedLabel(MAX_SPEED);

  /** Whether {@code s} is a speed factor this accepts: {@link #MIN_SPEED} to {@link #MAX_SPEED}. */
  public static boolean speedAllowed(double s) {
    return s >= MIN_SPEED && s <= MAX_SPEED;
  }

  /** This change at another speed. */
  public AudioPerturbation withSpeed(double s) {
    return new AudioPerturbation(gainDb, noiseSnrDb, seed, s);
  }

  /** True when this changes nothing. */
  public boolean isNone() {
    return gainDb == 0 && Double.isNaN(noiseSnrDb) && speed == 1;
  }

  /** The recording {@code a} (named {@code source}) changed. */
  public Audio apply(Audio a, String source) {
    if (isNone()) {
      return a;
    }
    double[] x = a.samples();
    if (speed != 1) {
      x = Resampler.resample(x, (int) Math.round(a.sampleRate() * speed), a.sampleRate());
    }
    double g = Math.pow(10, gainDb / 20);
    double power = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] *= g;
      power += x[i] * x[i];
    }
    power /= Math.max(1, x.length);
    if (!Double.isNaN(noiseSnrDb) && power > 0) {
      double sigma = Math.sqrt(power / Math.pow(10, noiseSnrDb / 10));
      SplittableRandom r = new SplittableRandom(seed ^ hash(source));
      for (int i = 0; i < x.length; i++) {
        x[i] += sigma * gaussian(r);
      }
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(-1, Math.min(1, x[i]));
    }
    return new Audio(x, a.sampleRate());
  }

  /** A standard normal value (Box-Muller), the same on every platform. */
  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }

  private static long hash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }

  /** A speed factor as written on the command line: {@code 0.9}, {@code 1.1}, {@code 1}. */
  public static String speedLabel(double s) {
    return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString();
  }

  /** A few words for the dataset's provenance, e.g. {@code gain -12 dB, white noise 20 dB SNR}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    if (speed != 1) {
      b.append(String.format(java.util.Locale.ROOT, "speed x%s, ", speedLabel(speed)));
    }
    b.append(String.format(java.util.Locale.ROOT, "gain %+.1f dB", gainDb));
    if (!Double.isNaN(noiseSnrDb)) {
      b.append(
          String.format(
              java.util.Locale.ROOT, ", white noise %.1f dB SNR (seed %d)", noiseSnrDb, seed));
    }
    b.append(", held within full scale");
    return b.toString();
  }
}
