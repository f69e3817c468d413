package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.spikescr.io.hdf5.Hdf5Access;

class MelFrontEndTest {
  private static Path fixture() throws Exception {
    return Path.of(MelFrontEndTest.class.getResource("/audio/mel-fixture.h5").toURI());
  }

  @Test
  void matchesIndependentNumpyComputation() throws Exception {
    double[] input;
    double[] resampled;
    double[] mel;
    int rateIn;
    double clipS;
    int hop;
    try (Hdf5Access h = Hdf5Access.open(fixture())) {
      input = h.doubles("/input");
      resampled = h.doubles("/resampled");
      mel = h.doubles("/mel");
      rateIn = h.intAttribute("/", "rate_in", 1, 1 << 20);
      clipS = h.doubleAttribute("/", "clip_s");
      hop = h.intAttribute("/", "hop", 1, 1 << 20);
    }
    Audio audio = new Audio(input, rateIn);
    double[] clip = audio.padOrTruncate((int) Math.round(clipS * rateIn)).samples();
    double[] y = Resampler.resample(clip, rateIn, 8000);
    assertEquals(resampled.length, y.length);
    for (int i = 0; i < y.length; i++) {
      assertEquals(resampled[i], y[i], 1e-12, "resampled sample " + i);
    }
    float[][] f = new MelFrontEnd(hop, clipS).frames(audio);
    assertEquals(mel.length / 140, f.length);
    double worst = 0;
    for (int t = 0; t < f.length; t++) {
      for (int m = 0; m < 140; m++) {
        double want = mel[t * 140 + m];
        worst = Math.max(worst, Math.abs(want - f[t][m]));
        assertEquals(want, f[t][m], 1e-3 + 1e-5 * Math.abs(want), "frame " + t + " band " + m);
      }
    }
    assertTrue(worst < 1e-3, "worst difference " + worst + " dB");
  }

  @Test
  void gscShapeAndDeadBands() {
    double[] x = new double[16000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.3 * Math.sin(2 * Math.PI * 1000 * i / 16000.0);
    }
    float[][] f = MelFrontEnd.gsc(80).frames(new Audio(x, 16000));
    assertEquals(101, f.length);
    assertEquals(140, f[0].length);
    for (float[] frame : f) {
      for (int m = 87; m < 140; m++) {
        assertEquals(-100f, frame[m]);
      }
    }
    assertEquals(401, MelFrontEnd.gsc(20).frames(new Audio(x, 16000)).length);
    assertEquals(41, MelFrontEnd.gsc(200).frames(new Audio(x, 8000)).length);
  }

  @Test
  void fiftyThreeFiltersAreEmptyAtEightKilohertz() {
    double[][] fb = MelFrontEnd.filterbank();
    int empty = 0;
    for (double[] band : fb) {
      double s = 0;
      for (double w : band) {
        s += w;
      }
      empty += s == 0 ? 1 : 0;
    }
    assertEquals(53, empty);
  }

  @Test
  void silenceIsMinusOneHundredDecibels() {
    float[][] f = MelFrontEnd.gsc(80).framesAt8k(new double[8000]);
    assertEquals(-100f, f[50][10]);
  }
}
