package org.spikescr.cli.plot;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A 5 x 7 pixel font drawn pixel by pixel, so plots need no system fonts and come out identical on
 * every machine. Letters are drawn as capitals; unknown characters as '?'.
 */
final class PixelFont {
  /** Glyph width in font pixels, without spacing. */
  static final int WIDTH = 5;

  /** Glyph height in font pixels. */
  static final int HEIGHT = 7;

  private static final Map<Character, int[]> GLYPHS = new HashMap<>();

  static {
    String[] table = {
      "0 0E 11 13 15 19 11 0E", "1 04 0C 04 04 04 04 0E", "2 0E 11 01 02 04 08 1F",
      "3 1F 02 04 02 01 11 0E", "4 02 06 0A 12 1F 02 02", "5 1F 10 1E 01 01 11 0E",
      "6 06 08 10 1E 11 11 0E", "7 1F 01 02 04 08 08 08", "8 0E 11 11 0E 11 11 0E",
      "9 0E 11 11 0F 01 02 0C", "A 0E 11 11 11 1F 11 11", "B 1E 11 11 1E 11 11 1E",
      "C 0E 11 10 10 10 11 0E", "D 1C 12 11 11 11 12 1C", "E 1F 10 10 1E 10 10 1F",
      "F 1F 10 10 1E 10 10 10", "G 0E 11 10 17 11 11 0F", "H 11 11 11 1F 11 11 11",
      "I 0E 04 04 04 04 04 0E", "J 07 02 02 02 02 12 0C", "K 11 12 14 18 14 12 11",
      "L 10 10 10 10 10 10 1F", "M 11 1B 15 15 11 11 11", "N 11 11 19 15 13 11 11",
      "O 0E 11 11 11 11 11 0E", "P 1E 11 11 1E 10 10 10", "Q 0E 11 11 11 15 12 0D",
      "R 1E 11 11 1E 14 12 11", "S 0F 10 10 0E 01 01 1E", "T 1F 04 04 04 04 04 04",
      "U 11 11 11 11 11 11 0E", "V 11 11 11 11 11 0A 04", "W 11 11 11 15 15 15 0A",
      "X 11 11 0A 04 0A 11 11", "Y 11 11 11 0A 04 04 04", "Z 1F 01 02 04 08 10 1F",
      ". 00 00 00 00 00 0C 0C", ", 00 00 00 00 0C 04 08", "- 00 00 00 1F 00 00 00",
      "_ 00 00 00 00 00 00 1F", ": 00 0C 0C 00 0C 0C 00", "/ 00 01 02 04 08 10 00",
      "( 02 04 08 08 08 04 02", ") 08 04 02 02 02 04 08", "= 00 00 1F 00 1F 00 00",
      "+ 00 04 04 1F 04 04 00", "# 0A 0A 1F 0A 1F 0A 0A", "? 0E 11 01 02 04 00 04",
      "' 04 04 08 00 00 00 00", "% 18 19 02 04 08 13 03"
    };
    for (String row : table) {
      String[] f = row.split(" ");
      int[] bits = new int[HEIGHT];
      for (int i = 0; i < HEIGHT; i++) {
        bits[i] = Integer.parseInt(f[i + 1], 16);
      }
      GLYPHS.put(f[0].charAt(0), bits);
    }
    GLYPHS.put(' ', new int[HEIGHT]);
  }

  private PixelFont() {}

  /** The width in image pixels of a text at a scale. */
  static int width(String text, int scale) {
    return text.isEmpty() ? 0 : (text.length() * (WIDTH + 1) - 1) * scale;
  }

  /** Draws text with its top-left corner at (x, y); pixels outside the image are skipped. */
  static void draw(BufferedImage img, String text, int x, int y, int scale, int rgb) {
    String s = text.toUpperCase(Locale.ROOT);
    for (int k = 0; k < s.length(); k++) {
      int[] g = GLYPHS.getOrDefault(s.charAt(k), GLYPHS.get('?'));
      int gx = x + k * (WIDTH + 1) * scale;
      for (int r = 0; r < HEIGHT; r++) {
        for (int c = 0; c < WIDTH; c++) {
          if ((g[r] >> (WIDTH - 1 - c) & 1) != 0) {
            fill(img, gx + c * scale, y + r * scale, scale, scale, rgb);
          }
        }
      }
    }
  }

  /** Draws text rotated a quarter turn counter-clockwise (reading bottom to top) from (x, y). */
  static void drawVertical(BufferedImage img, String text, int x, int y, int scale, int rgb) {
    String s = text.toUpperCase(Locale.ROOT);
    for (int k = 0; k < s.length(); k++) {
      int[] g = GLYPHS.getOrDefault(s.charAt(k), GLYPHS.get('?'));
      int gy = y - k * (WIDTH + 1) * scale;
      for (int r = 0; r < HEIGHT; r++) {
        for (int c = 0; c < WIDTH; c++) {
          if ((g[r] >> (WIDTH - 1 - c) & 1) != 0) {
            fill(img, x + r * scale, gy - c * scale, scale, scale, rgb);
          }
        }
      }
    }
  }

  /** Fills a rectangle, clipped to the image. */
  static void fill(BufferedImage img, int x, int y, int w, int h, int rgb) {
    for (int j = Math.max(0, y); j < Math.min(img.getHeight(), y + h); j++) {
      for (int i = Math.max(0, x); i < Math.min(img.getWidth(), x + w); i++) {
        img.setRGB(i, j, rgb);
      }
    }
  }
}
