package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static double[] sine(double hz, int rate, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * hz * i / rate);
    }
    return x;
  }

  @Test
  void keepsInBandTonesAndLength() {
    double[] y = Resampler.resample(sine(440, 44100, 44100), 44100, 8000);
    assertEquals(8000, y.length);
    double[] want = sine(440, 8000, 8000);
    for (int i = 200; i < 7800; i++) {
      assertEquals(want[i], y[i], 2e-3, "sample " + i);
    }
  }

  @Test
  void removesToneAboveNewNyquist() {
    double[] y = Resampler.resample(sine(6000, 16000, 16000), 16000, 8000);
    double peak = 0;
    for (int i = 200; i < y.length - 200; i++) {
      peak = Math.max(peak, Math.abs(y[i]));
    }
    assertEquals(0, peak, 1e-2);
  }

  @Test
  void upsamplesAndIsDeterministic() {
    double[] x = sine(300, 8000, 800);
    double[] y = Resampler.resample(x, 8000, 22050);
    assertEquals((int) Math.ceil(22050 * 800 / 8000.0), y.length);
    assertArrayEquals(y, Resampler.resample(x, 8000, 22050));
    double[] want = sine(300, 22050, y.length);
    for (int i = 200; i < y.length - 200; i++) {
      assertEquals(want[i], y[i], 5e-3);
    }
    assertArrayEquals(x, Resampler.resample(x, 8000, 8000));
  }
}
