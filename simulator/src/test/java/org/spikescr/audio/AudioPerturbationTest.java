package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The gain scales by {@code 10^(G/20)} and holds full scale; the noise has the asked power ratio,
 * is the same for the same recording name and seed and differs for another; no change is the
 * identity; out-of-range values are refused.
 */
class AudioPerturbationTest {
  private static Audio tone(double amplitude, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0);
    }
    return new Audio(x, 8000);
  }

  private static double power(double[] x) {
    double p = 0;
    for (double v : x) {
      p += v * v;
    }
    return p / x.length;
  }

  @Test
  void gainScalesAndFullScaleHolds() {
    Audio a = tone(0.1, 8000);
    double[] up = new AudioPerturbation(20, Double.NaN, 0).apply(a, "a").samples();
    double[] x = a.samples();
    for (int i = 0; i < x.length; i++) {
      assertEquals(10 * x[i], up[i], 1e-12);
    }
    double[] loud = new AudioPerturbation(40, Double.NaN, 0).apply(a, "a").samples();
    assertEquals(1.0, Arrays.stream(loud).max().orElseThrow());
    assertEquals(-1.0, Arrays.stream(loud).min().orElseThrow());
    double[] quiet = new AudioPerturbation(-12, Double.NaN, 0).apply(a, "a").samples();
    assertEquals(power(x) * Math.pow(10, -1.2), power(quiet), 1e-12);
  }

  @Test
  void noiseHasTheAskedRatioAndIsReproducible() {
    Audio a = tone(0.2, 80_000);
    AudioPerturbation p = new AudioPerturbation(0, 20, 7);
    double[] y = p.apply(a, "3_theo_0.wav").samples();
    double[] x = a.samples();
    double[] noise = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      noise[i] = y[i] - x[i];
    }
    double snr = 10 * Math.log10(power(x) / power(noise));
    assertEquals(20, snr, 0.1);
    assertArrayEquals(y, p.apply(a, "3_theo_0.wav").samples(), "same name and seed, same noise");
    assertFalse(Arrays.equals(y, p.apply(a, "3_theo_1.wav").samples()), "another recording");
    assertFalse(
        Arrays.equals(y, new AudioPerturbation(0, 20, 8).apply(a, "3_theo_0.wav").samples()),
        "another seed");
  }

  /** Power of {@code x} at frequency {@code f} (Goertzel), at 8 kHz. */
  private static double powerAt(double[] x, double f) {
    double w = 2 * Math.PI * f / 8000;
    double re = 0;
    double im = 0;
    for (int i = 0; i < x.length; i++) {
      re += x[i] * Math.cos(w * i);
      im += x[i] * Math.sin(w * i);
    }
    return (re * re + im * im) / x.length;
  }

  /**
   * A recording played 1.1 times as fast lasts 1/1.1 as long and its 440 Hz tone moves to 484 Hz
   * (0.9: 396 Hz) at the same sample rate; factor 1 with a gain is the gain alone.
   */
  @Test
  void speedShortensAndMovesEveryFrequency() {
    Audio a = tone(0.3, 8000);
    Audio fast = new AudioPerturbation(0, Double.NaN, 0, 1.1).apply(a, "a");
    assertEquals(8000, fast.sampleRate());
    assertEquals((int) Math.ceil(8000 / 1.1), fast.length());
    double[] y = fast.samples();
    assertTrue(powerAt(y, 484) > 100 * powerAt(y, 440), "the tone moved to 484 Hz");
    double[] slow = new AudioPerturbation(0, Double.NaN, 0, 0.9).apply(a, "a").samples();
    assertEquals((int) Math.ceil(8000 / 0.9), slow.length);
    assertTrue(powerAt(slow, 396) > 100 * powerAt(slow, 440), "the tone moved to 396 Hz");
    assertArrayEquals(
        new AudioPerturbation(6, Double.NaN, 0).apply(a, "a").samples(),
        new AudioPerturbation(6, Double.NaN, 0, 1).apply(a, "a").samples());
    assertEquals(0.9, new AudioPerturbation(0, Double.NaN, 0).withSpeed(0.9).speed());
    assertEquals("0.9", AudioPerturbation.speedLabel(0.9));
    assertEquals("1", AudioPerturbation.speedLabel(1.0));
    assertTrue(new AudioPerturbation(0, Double.NaN, 0, 1.1).describe().startsWith("speed x1.1, "));
  }

  @Test
  void noneIsTheIdentityAndBadValuesAreRefused() {
    Audio a = tone(0.3, 100);
    assertSame(a, AudioPerturbation.NONE.apply(a, "x"));
    assertThrows(IllegalArgumentException.class, () -> new AudioPerturbation(61, Double.NaN, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new AudioPerturbation(Double.NaN, Double.NaN, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AudioPerturbation(0, Double.POSITIVE_INFINITY, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new AudioPerturbation(0, Double.NaN, 0, 0.4));
    assertThrows(
        IllegalArgumentException.class, () -> new AudioPerturbation(0, Double.NaN, 0, Double.NaN));
  }
}
