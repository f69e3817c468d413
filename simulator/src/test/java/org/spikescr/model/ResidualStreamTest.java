package org.spikescr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikescr.model.ResidualStream.Stage;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.Quantizer;

/** The range rule of the residual stream, and the quantizer's input ranges that follow it. */
class ResidualStreamTest {

  @Test
  void rangesOfSections22And6() {
    assertEquals(1, ResidualStream.inputMax(0, Stage.ATTENTION));
    assertEquals(2, ResidualStream.inputMax(0, Stage.MLP1));
    assertEquals(3, ResidualStream.inputMax(0, Stage.CONV));
    assertEquals(4, ResidualStream.inputMax(0, Stage.MLP2));
    assertEquals(5, ResidualStream.inputMax(1, Stage.ATTENTION));
    assertEquals(8, ResidualStream.inputMax(1, Stage.MLP2));
    assertEquals(5, ResidualStream.maxAfter(1));
    assertEquals(9, ResidualStream.maxAfter(2));
    // R = ceil(log2(2 + 4 depth)): 3 bits for depth 1, 4 bits for depth 2
    assertEquals(1, ResidualStream.bits(0));
    assertEquals(3, ResidualStream.bits(1));
    assertEquals(4, ResidualStream.bits(2));
    assertEquals(5, ResidualStream.bits(4));
    assertThrows(IllegalArgumentException.class, () -> ResidualStream.inputMax(-1, Stage.MLP1));
  }

  @Test
  void everySubBlockOutputSpikingReachesTheBoundExactly() {
    // the embedding spikes, then every sub-block of every block spikes at the same position
    int value = 1;
    for (int i = 0; i < 3; i++) {
      for (Stage s : Stage.values()) {
        assertEquals(value, ResidualStream.inputMax(i, s), "block " + i + " " + s);
        value++;
      }
      assertEquals(value, ResidualStream.maxAfter(i + 1));
    }
  }

  @Test
  void quantizerInputRangesFollowTheRule() {
    ModelConfig c =
        new ModelConfig(16, 2, 2, 24, 5, 5, InputKind.SPIKES, 20, 25.0, 0, 20, QkLayout.TIME);
    QuantizedModel q = Quantizer.quantize(RandomModel.create(c, 3, 1.0), QuantSettings.defaults(c));
    for (int i = 0; i < c.depth(); i++) {
      QuantizedBlock b = q.blocks().get(i);
      for (SynapticLayer l : List.of(b.attention().q(), b.attention().k(), b.attention().v())) {
        assertEquals(ResidualStream.inputMax(i, Stage.ATTENTION), l.inputHi(), l.name());
      }
      assertEquals(ResidualStream.inputMax(i, Stage.MLP1), b.mlp1().fc1().inputHi());
      assertEquals(ResidualStream.inputMax(i, Stage.CONV), b.conv().pw1().inputHi());
      assertEquals(ResidualStream.inputMax(i, Stage.MLP2), b.mlp2().fc1().inputHi());
      for (SynapticLayer l :
          List.of(b.attention().proj(), b.mlp1().fc2(), b.conv().dw(), b.conv().gsuProj())) {
        assertEquals(1, l.inputHi(), l.name());
      }
    }
  }
}
