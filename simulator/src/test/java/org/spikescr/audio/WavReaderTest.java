package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikescr.errors.InputException;

class WavReaderTest {
  @TempDir Path dir;

  private static final double[] VALUES = {0, 0.5, -0.5, -1, 0.25, 0.9921875};

  private static double[][] mono() {
    double[][] v = new double[VALUES.length][1];
    for (int i = 0; i < VALUES.length; i++) {
      v[i][0] = VALUES[i];
    }
    return v;
  }

  @ParameterizedTest(name = "tag {0}, {1} bits, extensible {2}")
  @CsvSource({
    "1, 8, false",
    "1, 16, false",
    "1, 24, false",
    "1, 32, false",
    "3, 32, false",
    "3, 64, false",
    "1, 16, true",
    "1, 24, true",
    "3, 32, true"
  })
  void decodesEveryEncoding(int tag, int bits, boolean extensible) throws IOException {
    Path p = dir.resolve("a.wav");
    Files.write(p, WavBytes.wav(mono(), 11025, tag, bits, extensible, true));
    Audio a = WavReader.read(p);
    assertEquals(11025, a.sampleRate());
    assertEquals(VALUES.length, a.length());
    for (int i = 0; i < VALUES.length; i++) {
      assertEquals(VALUES[i], a.sample(i), 0, "sample " + i);
    }
  }

  @Test
  void averagesStereo() {
    double[][] v = {{0.5, -0.5}, {0.25, 0.75}, {-1, -0.5}};
    Audio a = WavReader.decode(WavBytes.wav(v, 8000, 1, 16, false, false), "s.wav");
    assertEquals(0, a.sample(0));
    assertEquals(0.5, a.sample(1));
    assertEquals(-0.75, a.sample(2));
  }

  @Test
  void readsFsddRecording() {
    Path p = FsddTest.sharedFsdd().resolve("recordings/0_jackson_0.wav");
    if (Files.exists(p)) {
      Audio a = WavReader.read(p);
      assertEquals(8000, a.sampleRate());
      assertTrue(a.length() > 1000);
    }
  }

  private static void assertBad(byte[] bytes, String field, String message) {
    InputException e = assertThrows(InputException.class, () -> WavReader.decode(bytes, "bad.wav"));
    assertEquals("bad.wav", e.source());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void rejectsBadFiles() {
    byte[] good = WavBytes.wav(mono(), 8000, 1, 16, false, false);
    assertBad("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "header", "not a RIFF");
    byte[] notWave = good.clone();
    notWave[8] = 'X';
    assertBad(notWave, "header", "not a RIFF/WAVE");
    assertBad(Arrays.copyOf(good, good.length - 3), "data chunk", "truncated");
    assertBad(Arrays.copyOf(good, 30), "fmt chunk", "truncated");
    assertBad(Arrays.copyOf(good, 36), "data chunk", "missing");
    byte[] alaw = good.clone();
    alaw[20] = 6;
    assertBad(alaw, "fmt chunk", "unsupported encoding 0x6");
    byte[] float16 = WavBytes.wav(mono(), 8000, 3, 32, false, false);
    float16[34] = 16;
    assertBad(float16, "fmt chunk", "float sample width 16");
    byte[] bits12 = good.clone();
    bits12[34] = 12;
    assertBad(bits12, "fmt chunk", "PCM sample width 12");
    byte[] align = good.clone();
    align[32] = 4;
    assertBad(align, "fmt chunk", "block align 4");
    byte[] noChannels = good.clone();
    noChannels[22] = 0;
    assertBad(noChannels, "fmt chunk", "channels");
    byte[] oddData = good.clone();
    oddData[40] = 11; // data size 11 with 2-byte frames
    assertBad(Arrays.copyOf(oddData, 44 + 11), "data chunk", "whole number");
    double[][] nan = {{Double.NaN}};
    assertBad(WavBytes.wav(nan, 8000, 3, 32, false, false), "data chunk", "non-finite");
  }

  @Test
  void missingFileIsInputError() {
    InputException e =
        assertThrows(InputException.class, () -> WavReader.read(dir.resolve("none.wav")));
    assertTrue(e.getMessage().contains("no such file"));
  }
}
