package org.spikescr.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HexTensorTest {
  @TempDir Path dir;

  @Test
  void signedWordsAreTwosComplementPaddedToTheWidth() {
    HexTensor t =
        new HexTensor(
            "m",
            new int[] {4},
            new long[] {-3, 5, -128, 127},
            8,
            8,
            true,
            HexTensor.Encoding.WORDS);
    assertEquals("fd\n05\n80\n7f\n", t.toHex());
    HexTensor w =
        new HexTensor(
            "w", new int[] {2}, new long[] {-1, 1}, 10, 4, true, HexTensor.Encoding.WORDS);
    assertEquals("3ff\n001\n", w.toHex());
  }

  @Test
  void spikeRowsPackLaneZeroIntoTheLeastSignificantBit() {
    byte[][] s = {{1, 0, 0, 0, 0, 1}, {0, 1, 1, 1, 1, 0}};
    assertEquals("21\n1e\n", HexTensor.spikes("s", s).toHex());
  }

  @Test
  void valuesThatDoNotFitAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HexTensor(
                "x", new int[] {1}, new long[] {8}, 4, 4, true, HexTensor.Encoding.WORDS));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HexTensor(
                "x", new int[] {1}, new long[] {-1}, 4, 4, false, HexTensor.Encoding.WORDS));
  }

  @Test
  void directoryIsWrittenWithAnIndexAndReplacedWhole() throws Exception {
    Path out = dir.resolve("golden");
    HexTensor t = HexTensor.spikes("spk", new byte[][] {{1, 1}});
    GoldenVectors.write(
        out,
        Map.of("model", "m.h5"),
        List.of(new GoldenVectors.SampleVectors(Map.of("label", 3), List.of(t))));
    assertEquals("3\n", Files.readString(out.resolve("s0000/spk.hex")));
    String index = Files.readString(out.resolve("index.json"));
    assertTrue(index.contains("\"file\": \"s0000/spk.hex\""), index);
    GoldenVectors.write(out, Map.of("model", "m.h5"), List.of());
    assertTrue(Files.notExists(out.resolve("s0000")));
    assertTrue(Files.notExists(dir.resolve(".golden.tmp")));
  }
}
