package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikescr.data.SpikeEvents;

class CochleaFrontEndTest {
  private static Audio tone(double hz, int rate, double seconds, double amplitude) {
    double[] x = new double[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return new Audio(x, rate);
  }

  private static int nearest(double[] fc, double hz) {
    int best = 0;
    for (int c = 0; c < fc.length; c++) {
      if (Math.abs(fc[c] - hz) < Math.abs(fc[best] - hz)) {
        best = c;
      }
    }
    return best;
  }

  @Test
  void centreFrequenciesSpanTheBandOnTheErbScale() {
    double[] fc = CochleaFrontEnd.standard().centreFrequencies();
    assertEquals(700, fc.length);
    assertEquals(50, fc[0], 1e-9);
    assertEquals(3800, fc[699], 1e-6);
    for (int c = 1; c < fc.length; c++) {
      assertTrue(fc[c] > fc[c - 1]);
    }
    double step = CochleaFrontEnd.erbRate(fc[1]) - CochleaFrontEnd.erbRate(fc[0]);
    assertEquals(step, CochleaFrontEnd.erbRate(fc[600]) - CochleaFrontEnd.erbRate(fc[599]), 1e-9);
  }

  @Test
  void toneExcitesTheChannelsAroundItsFrequency() {
    CochleaFrontEnd fe = CochleaFrontEnd.standard();
    SpikeEvents e = fe.encode(tone(1000, 8000, 0.3, 0.5));
    assertTrue(e.count() > 50, "spikes: " + e.count());
    int centre = nearest(fe.centreFrequencies(), 1000);
    int near = 0;
    for (int i = 0; i < e.count(); i++) {
      if (Math.abs(e.unit(i) - centre) <= 60) {
        near++;
      }
    }
    assertTrue(near > 0.9 * e.count(), near + " of " + e.count() + " near unit " + centre);
  }

  @Test
  void silenceGivesNoSpikesAndOrderIsTimeThenUnit() {
    CochleaFrontEnd fe = CochleaFrontEnd.standard();
    assertEquals(0, fe.encode(new Audio(new double[4000], 8000)).count());
    double[] x = new double[6000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i * 0.3) * Math.sin(i * 0.0021) + 0.3 * Math.sin(i * 1.7);
    }
    SpikeEvents e = fe.encode(new Audio(x, 8000));
    assertTrue(e.count() > 100);
    for (int i = 1; i < e.count(); i++) {
      boolean ordered =
          e.time(i) > e.time(i - 1) || (e.time(i) == e.time(i - 1) && e.unit(i) > e.unit(i - 1));
      assertTrue(ordered, "spike " + i);
    }
  }

  @Test
  void refractoryPeriodSpacesSpikesOfAUnit() {
    SpikeEvents e = CochleaFrontEnd.standard().encode(tone(500, 8000, 0.3, 1));
    double[] last = new double[700];
    java.util.Arrays.fill(last, -1);
    for (int i = 0; i < e.count(); i++) {
      int u = e.unit(i);
      if (last[u] >= 0) {
        assertTrue(e.time(i) - last[u] > 0.001 - 1e-12, "unit " + u + " at " + e.time(i));
      }
      last[u] = e.time(i);
    }
  }

  @Test
  void deterministicAndIndependentOfLoudness() {
    CochleaFrontEnd fe = CochleaFrontEnd.standard();
    assertEquals(fe.encode(tone(700, 8000, 0.2, 0.1)), fe.encode(tone(700, 8000, 0.2, 0.1)));
    assertEquals(fe.encode(tone(700, 8000, 0.2, 0.25)), fe.encode(tone(700, 8000, 0.2, 0.5)));
  }

  @Test
  void windowCutsLongRecordingsAndResamplesOtherRates() {
    CochleaFrontEnd fe = CochleaFrontEnd.standard();
    SpikeEvents e = fe.encode(tone(800, 8000, 1.5, 0.5), 1.0);
    assertTrue(e.lastTimeS() < 1.0);
    SpikeEvents r = fe.encode(tone(800, 16000, 0.3, 0.5));
    assertTrue(r.count() > 50);
    int centre = nearest(fe.centreFrequencies(), 800);
    int near = 0;
    for (int i = 0; i < r.count(); i++) {
      near += Math.abs(r.unit(i) - centre) <= 60 ? 1 : 0;
    }
    assertTrue(near > 0.9 * r.count());
  }

  @Test
  void cubeRootIsAccurate() {
    for (double v : new double[] {1e-12, 1e-6, 0.001, 0.2, 1, 8, 1234.5}) {
      assertEquals(Math.cbrt(v), Channels.cbrt(v), 1e-12 * Math.cbrt(v), "cbrt " + v);
    }
  }
}
