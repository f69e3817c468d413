package org.spikescr.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
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

  // The plot area of an 800 x 480 picture: x in [70, 779], y in [40, 429] (y grows downwards),
  // framed
  // by black lines one pixel outside it.
  private static final int LEFT = 70;
  private static final int RIGHT = 779;
  private static final int TOP = 40;
  private static final int BOTTOM = 429;
  private static final int WHITE = 0xFFFFFF;
  private static final int GRID = 0xDDDDDD;
  private static final int BLACK = 0x000000;

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(img, "not a PNG ImageIO can read");
    return img;
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xFFFFFF;
  }

  @Test
  void drawsSpikesWhereTheSampleHasThemAndBackgroundElsewhere() throws IOException {
    BufferedImage img = decode(SamplePlot.png(spikes(), 0));
    assertEquals(800, img.getWidth());
    assertEquals(480, img.getHeight());
    // time t of the 1 s window -> x = 70 + floor(t * 709); unit u of 700 -> y = 429 - floor(u * 390
    // / 700)
    Set<List<Integer>> expected =
        Set.of(
            List.of(70, 429), // t 0, unit 0
            List.of(247, 234), // t 0.25, unit 350
            List.of(424, 40), // t 0.5, unit 699
            List.of(778, 424)); // t 0.999, unit 10
    Set<List<Integer>> black = new HashSet<>();
    int grid = 0;
    for (int y = TOP; y <= BOTTOM; y++) {
      for (int x = LEFT; x <= RIGHT; x++) {
        int c = rgb(img, x, y);
        if (c == BLACK) {
          black.add(List.of(x, y));
        } else if (c == GRID) {
          grid++;
        } else {
          assertEquals(WHITE, c, "background at " + x + "," + y);
        }
      }
    }
    assertEquals(expected, black, "spike pixels inside the plot area");
    assertTrue(grid > 2 * (RIGHT - LEFT), "grid lines drawn: " + grid + " grey pixels");
    for (int y = TOP; y <= BOTTOM; y++) {
      assertEquals(BLACK, rgb(img, LEFT - 1, y), "left frame at y " + y);
      assertEquals(BLACK, rgb(img, RIGHT + 1, y), "right frame at y " + y);
    }
    for (int x = LEFT; x <= RIGHT; x++) {
      assertEquals(BLACK, rgb(img, x, TOP - 1), "top frame at x " + x);
      assertEquals(BLACK, rgb(img, x, BOTTOM + 1), "bottom frame at x " + x);
    }
    int title = 0;
    for (int y = 0; y < TOP - 1; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        title += rgb(img, x, y) == BLACK ? 1 : 0;
      }
    }
    assertTrue(title > 100, "title text pixels: " + title);
    assertArrayEquals(SamplePlot.png(spikes(), 0), SamplePlot.png(spikes(), 0));
  }

  @Test
  void drawsMelFramesAsGreyLevelsOfTheirValues() throws IOException {
    Dataset m =
        new Dataset(
            InputKind.MEL,
            3,
            List.of(Sample.ofFrames(0, -1, "", new float[][] {{-100, 0, 10}, {5, 5, 5}})),
            List.of(),
            1.0,
            80);
    BufferedImage img = decode(SamplePlot.png(m, 0));
    assertEquals(800, img.getWidth());
    assertEquals(480, img.getHeight());
    // lowest value (-100) white, highest (10) black, v -> 255 - round(255 (v + 100) / 110) in
    // between;
    // frame 0 fills x 70..424, frame 1 x 425..779; band 0 is the bottom third (y 300..429), band 2
    // the top one (y 40..169)
    int[][] grey = {{255, 23, 0}, {12, 12, 12}};
    for (int y = TOP; y <= BOTTOM; y++) {
      int band = y >= 300 ? 0 : y >= 170 ? 1 : 2;
      for (int x = LEFT; x <= RIGHT; x++) {
        int frame = x <= 424 ? 0 : 1;
        int g = grey[frame][band];
        assertEquals(
            g << 16 | g << 8 | g,
            rgb(img, x, y),
            "frame " + frame + ", band " + band + " at " + x + "," + y);
      }
    }
    assertEquals(BLACK, rgb(img, LEFT - 1, 200), "left frame line");
    assertEquals(BLACK, rgb(img, 400, BOTTOM + 1), "bottom frame line");
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
