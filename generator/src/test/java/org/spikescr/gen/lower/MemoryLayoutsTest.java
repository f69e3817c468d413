package org.spikescr.gen.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.model.quantized.IntTensor;

class MemoryLayoutsTest {

  @Test
  void packsLaneZeroLowestInTwosComplement() {
    assertEquals(BigInteger.valueOf(0xF31L), MemoryLayouts.pack(new long[] {1, 3, -1}, 4));
    assertEquals(BigInteger.valueOf(0x80L), MemoryLayouts.pack(new long[] {-128}, 8));
    assertThrows(IllegalArgumentException.class, () -> MemoryLayouts.pack(new long[] {8}, 4));
    assertThrows(IllegalArgumentException.class, () -> MemoryLayouts.pack(new long[] {-9}, 4));
  }

  @Test
  void weightWordsHoldOneRowOfOneLaneGroup() {
    // 3 output channels, 2 inputs: q = [[1, -2], [3, 4], [-5, 6]]; 2 lanes -> 2 groups.
    IntTensor q = new IntTensor(new int[] {3, 2}, new int[] {1, -2, 3, 4, -5, 6});
    MemoryImage m = MemoryLayouts.weights("w", q, 2, 4);
    assertEquals(8, m.wordBits());
    assertEquals(4, m.depth());
    assertEquals(BigInteger.valueOf(0x31), m.words().get(0)); // g0 row0: lanes (1, 3)
    assertEquals(BigInteger.valueOf(0x4E), m.words().get(1)); // g0 row1: lanes (-2, 4)
    assertEquals(BigInteger.valueOf(0x0B), m.words().get(2)); // g1 row0: lanes (-5, pad 0)
    assertEquals(BigInteger.valueOf(0x06), m.words().get(3)); // g1 row1: lanes (6, pad 0)
  }

  @Test
  void kernelTapsAreFlattenedIntoRows() {
    // depthwise (2 channels, kernel 3): rows are the taps
    IntTensor q = new IntTensor(new int[] {2, 3}, new int[] {1, 2, 3, 4, 5, 6});
    MemoryImage m = MemoryLayouts.weights("dw", q, 2, 8);
    assertEquals(3, m.depth());
    assertEquals(BigInteger.valueOf(0x0401), m.words().get(0));
    assertEquals(BigInteger.valueOf(0x0603), m.words().get(2));
  }

  @Test
  void perChannelValuesFillGroups() {
    MemoryImage m = MemoryLayouts.perChannel("t", new long[] {7, -1, 2}, 2, 5, "thresholds");
    assertEquals(2, m.depth());
    assertEquals(BigInteger.valueOf((31L << 5) | 7), m.words().get(0));
    assertEquals(BigInteger.valueOf(2), m.words().get(1));
    assertEquals(2, MemoryLayouts.groups(3, 2));
    assertEquals(1, MemoryLayouts.groups(2, 2));
  }
}
