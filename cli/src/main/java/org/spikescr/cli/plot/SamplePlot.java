package org.spikescr.cli.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;

/**
 * Draws one sample as a PNG: a spike raster (unit against time in seconds) for spike samples, an
 * image of the frames (band against frame, dB as grey level) for mel samples, with axes, tick
 * labels and a title.
 *
 * <p>Everything, text included, is drawn pixel by pixel ({@link PixelFont}), so the same sample
 * gives the same bytes on any machine, with or without a display or fonts.
 */
public final class SamplePlot {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final int WHITE = 0xFFFFFF;
  private static final int BLACK = 0x000000;
  private static final int GREY = 0xDDDDDD;

  private SamplePlot() {}

  /** The PNG bytes of sample {@code index} of a dataset. */
  public static byte[] png(Dataset d, int index) {
    BufferedImage img = image(d, index);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The picture of sample {@code index} of a dataset. */
  public static BufferedImage image(Dataset d, int index) {
    Sample s = d.sample(index);
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    PixelFont.fill(img, 0, 0, WIDTH, HEIGHT, WHITE);
    int pw = WIDTH - LEFT - RIGHT;
    int ph = HEIGHT - TOP - BOTTOM;
    String title = title(d, index, s);
    PixelFont.draw(img, title, (WIDTH - PixelFont.width(title, 2)) / 2, 10, 2, BLACK);
    if (s.isSpikes()) {
      double span = d.windowS() > 0 ? d.windowS() : niceCeil(s.events().lastTimeS());
      grid(img, span, "TIME (S)", d.channels(), "UNIT", pw, ph);
      SpikeEvents e = s.events();
      for (int i = 0; i < e.count(); i++) {
        int x = LEFT + (int) Math.floor(e.time(i) / span * (pw - 1));
        int y = TOP + ph - 1 - (int) ((long) e.unit(i) * ph / d.channels());
        if (x < LEFT + pw) {
          PixelFont.fill(img, x, y, 1, 1, BLACK);
        }
      }
    } else {
      int frames = s.frameCount();
      grid(img, frames, "FRAME", d.channels(), "MEL BAND", pw, ph);
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int t = 0; t < frames; t++) {
        for (int m = 0; m < d.channels(); m++) {
          lo = Math.min(lo, s.frameValue(t, m));
          hi = Math.max(hi, s.frameValue(t, m));
        }
      }
      for (int py = 0; py < ph; py++) {
        int m = (ph - 1 - py) * d.channels() / ph;
        for (int px = 0; px < pw; px++) {
          int t = px * frames / pw;
          double v = hi > lo ? (s.frameValue(t, m) - lo) / (hi - lo) : 0;
          int g = 255 - (int) Math.round(v * 255);
          img.setRGB(LEFT + px, TOP + py, g << 16 | g << 8 | g);
        }
      }
      frame(img, pw, ph);
    }
    return img;
  }

  private static String title(Dataset d, int index, Sample s) {
    StringBuilder b = new StringBuilder("#").append(index).append("  LABEL ").append(s.label());
    if (s.label() < d.classNames().size()) {
      b.append(" (").append(d.classNames().get(s.label())).append(')');
    }
    if (s.speaker() >= 0) {
      b.append("  SPEAKER ").append(s.speaker());
    }
    if (!s.source().isEmpty()) {
      b.append("  ").append(s.source());
    }
    if (s.isSpikes()) {
      b.append("  ").append(s.events().count()).append(" SPIKES");
    }
    return b.toString();
  }

  private static void grid(
      BufferedImage img, double xSpan, String xLabel, int ySpan, String yLabel, int pw, int ph) {
    double xStep = niceStep(xSpan);
    for (int k = 0; k * xStep <= xSpan * (1 + 1e-9); k++) {
      double v = k * xStep;
      int x = LEFT + (int) Math.round(v / xSpan * (pw - 1));
      PixelFont.fill(img, x, TOP, 1, ph, GREY);
      PixelFont.fill(img, x, TOP + ph, 1, 5, BLACK);
      String t = number(v, xStep);
      PixelFont.draw(img, t, x - PixelFont.width(t, 1) / 2, TOP + ph + 8, 1, BLACK);
    }
    double yStep = niceStep(ySpan);
    for (int k = 0; k * yStep <= ySpan; k++) {
      int v = (int) Math.round(k * yStep);
      int y = TOP + ph - 1 - (int) ((long) v * ph / ySpan);
      PixelFont.fill(img, LEFT, y, pw, 1, GREY);
      PixelFont.fill(img, LEFT - 5, y, 5, 1, BLACK);
      String t = Integer.toString(v);
      PixelFont.draw(img, t, LEFT - 8 - PixelFont.width(t, 1), y - 3, 1, BLACK);
    }
    PixelFont.draw(
        img, xLabel, LEFT + (pw - PixelFont.width(xLabel, 2)) / 2, HEIGHT - 22, 2, BLACK);
    PixelFont.drawVertical(img, yLabel, 12, TOP + (ph + PixelFont.width(yLabel, 2)) / 2, 2, BLACK);
    frame(img, pw, ph);
  }

  private static void frame(BufferedImage img, int pw, int ph) {
    PixelFont.fill(img, LEFT - 1, TOP - 1, pw + 2, 1, BLACK);
    PixelFont.fill(img, LEFT - 1, TOP + ph, pw + 2, 1, BLACK);
    PixelFont.fill(img, LEFT - 1, TOP - 1, 1, ph + 2, BLACK);
    PixelFont.fill(img, LEFT + pw, TOP - 1, 1, ph + 2, BLACK);
  }

  private static String number(double v, double step) {
    if (step >= 1) {
      return Long.toString(Math.round(v));
    }
    int decimals = (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A step of 1, 2 or 5 times a power of ten giving 4 to 10 ticks over a span. */
  static double niceStep(double span) {
    double raw = span / 8;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double[] m = {1, 2, 5, 10};
    for (double k : m) {
      if (raw <= k * p * (1 + 1e-9)) {
        return k * p;
      }
    }
    return 10 * p;
  }

  private static double niceCeil(double v) {
    if (!(v > 0)) {
      return 0.1;
    }
    return Math.ceil(v * 10 - 1e-9) / 10;
  }
}
