package org.spikescr.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.data.SpikeStats;
import org.spikescr.model.InputKind;

class SamplePlotTest {
  private static Dataset spikes() {
    return new Dataset(
        InputKind.SPIKES,
        700,
        List.of(
            Sample.ofSpikes(
                1,
                2,
                "1_x_0.wav",
                new SpikeEvents(new double[] {0, 0.25, 0.5, 0.999}, new int[] {0, 350, 699, 10}))),
        List.of("zero", "one"),
        1.0,
        0);
  }

  @Test
  void drawsSpikesAndIsDeterministic() {
    BufferedImage img = SamplePlot.image(spikes(), 0);
    assertEquals(800, img.getWidth());
    assertEquals(480, img.getHeight());
    int dark = 0;
    for (int y = 40; y < 430; y++) {
      for (int x = 70; x < 780; x++) {
        dark += (img.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
      }
    }
    assertTrue(dark >= 4, "spike pixels: " + dark);
    assertArrayEquals(SamplePlot.png(spikes(), 0), SamplePlot.png(spikes(), 0));
  }

  @Test
  void drawsMelFrames() {
    Dataset m =
        new Dataset(
            InputKind.MEL,
            3,
            List.of(Sample.ofFrames(0, -1, "", new float[][] {{-100, 0, 10}, {5, 5, 5}})),
            List.of(),
            1.0,
            80);
    byte[] png = SamplePlot.png(m, 0);
    assertTrue(png.length > 100);
  }

  @Test
  void niceSteps() {
    assertEquals(0.2, SamplePlot.niceStep(1.0), 1e-12);
    assertEquals(100, SamplePlot.niceStep(700), 1e-9);
    assertEquals(0.05, SamplePlot.niceStep(0.3), 1e-12);
  }

  @Test
  void statistics() {
    SpikeStats s = SpikeStats.of(spikes(), 0.5);
    assertEquals(4, s.spikes());
    assertEquals(8.0, s.spikesPerSecond(), 1e-12);
    assertEquals(4.0, s.activeUnitsPerSample(), 1e-12);
    assertEquals(2.0, s.spikesPerActiveUnitPerSecond(), 1e-12);
  }
}
