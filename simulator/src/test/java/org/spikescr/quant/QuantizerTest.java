package org.spikescr.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedBlock;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.ReadoutTable;
import org.spikescr.model.quantized.RopeTable;
import org.spikescr.model.quantized.SynapticLayer;

/** A whole random network through the quantizer: every rule of the contract holds. */
class QuantizerTest {

  static ModelConfig small(InputKind kind) {
    return new ModelConfig(
        16,
        2,
        2,
        24,
        5,
        3,
        kind,
        20,
        kind == InputKind.SPIKES ? 25.0 : 0,
        kind == InputKind.MEL ? 80 : 0,
        10,
        QkLayout.TIME);
  }

  @Test
  void everyLayerFollowsTheRules() {
    SpikeScrModel m = RandomModel.create(small(InputKind.SPIKES), 11, 3.0);
    QuantSettings s = QuantSettings.defaults(m.config());
    QuantizedModel q = Quantizer.quantize(m, s);
    List<SynapticLayer> layers = q.synapticLayers();
    assertEquals(1 + 13 * 2, layers.size());
    for (SynapticLayer l : layers) {
      assertTrue(l.weight().maxAbs() <= s.weightMax(), l.name());
      long[] theta = l.threshold();
      double[] u = l.scale();
      for (int c = 0; c < l.outputs(); c++) {
        assertTrue(theta[c] >= 1, l.name());
        assertEquals((double) Math.max(1, Math.round(16 / u[c])), (double) theta[c], 1, l.name());
      }
      assertTrue(l.membraneBits() >= l.accBits() + s.membraneFracBits(), l.name());
    }
    assertEquals("spike_embed.lif", q.embed().lif());
    assertEquals(255, q.embed().inputHi());
    QuantizedBlock b1 = q.blocks().get(1);
    assertEquals(5, b1.attention().q().inputHi());
    assertEquals(6, b1.mlp1().fc1().inputHi());
    assertEquals(7, b1.conv().pw1().inputHi());
    assertEquals(8, b1.mlp2().fc1().inputHi());
    assertEquals(1, b1.conv().gate().inputHi());
    assertEquals("blocks.1.conformer_module.lif3", b1.conv().value().lif());
    assertEquals("blocks.1.conformer_module.gsu.lif1", b1.conv().gate().lif());
    assertEquals(1L << (24 + 4), b1.attention().qLif2().threshold());
    assertEquals(24 + 4 + 3, b1.attention().qLif2().membraneBits());
    assertEquals(1L << (4 + 2), b1.attention().attnLif().threshold());
    assertEquals(FixedFormat.integerFor(0, 20 * 8).totalBits(), b1.attention().yBits());
  }

  @Test
  void weightsDequantizeWithinHalfAStep() {
    SpikeScrModel m = RandomModel.create(small(InputKind.SPIKES), 12, 3.0);
    QuantSettings s = QuantSettings.defaults(m.config());
    SynapticLayer l = Quantizer.quantize(m, s).blocks().get(0).attention().v();
    FoldedLayer f =
        FoldedLayer.fold(
            m,
            "blocks.0.attn.v_conv.weight",
            "blocks.0.attn.v_conv.bias",
            "blocks.0.attn.v_bn",
            0,
            16);
    double[] w = f.weight();
    double[] u = l.scale();
    for (int c = 0; c < 16; c++) {
      double step = u[c];
      for (int i = 0; i < 16; i++) {
        double back = l.weight().at(c * 16 + i) * step;
        assertEquals(w[c * 16 + i], back, step / 2 + 1e-12);
      }
      assertEquals(f.bias()[c] * 16 / u[c], (double) l.bias()[c], 0.5 + 1e-9);
    }
  }

  @Test
  void ropeTableStartsAtTheIdentity() {
    SpikeScrModel m = RandomModel.create(small(InputKind.SPIKES), 13, 3.0);
    QuantSettings d = QuantSettings.defaults(m.config());
    QuantSettings s = new QuantSettings(8, 4, 4, d.maxTimeSteps(), d.inputFormat(), 8, 256, 15, 16);
    RopeTable r = Quantizer.quantize(m, s).blocks().get(0).attention().rope();
    assertEquals(20, r.positions());
    for (int j = 0; j < 4; j++) {
      assertEquals(256, r.cos().at(j));
      assertEquals(0, r.sin().at(j));
    }
    assertEquals(138, r.cos().at(4)); // p = 1, j = 0: cos(1) * 256
    assertEquals(215, r.sin().at(4));
  }

  @Test
  void defaultRopeTableHoldsPyTorchsFloat32Values() {
    SpikeScrModel m = RandomModel.create(small(InputKind.SPIKES), 13, 3.0);
    RopeTable r =
        Quantizer.quantize(m, QuantSettings.defaults(m.config()))
            .blocks()
            .get(0)
            .attention()
            .rope();
    assertEquals(24, r.fracBits());
    float[] freqs = m.tensor("blocks.0.attn.rotary_emb.freqs").data();
    for (int p = 0; p < r.positions(); p++) {
      for (int j = 0; j < freqs.length; j++) {
        float c = (float) Math.cos((float) p * freqs[j]);
        if (Math.abs(c) >= 0.5f) {
          assertEquals(c, r.cos().at(p * freqs.length + j) * 0x1p-24f, 0.0f, "p " + p + " j " + j);
        }
      }
    }
  }

  @Test
  void readoutTableOfTheWorkedExample() {
    QuantSettings s = new QuantSettings(8, 4, 4, 10, FixedFormat.unsignedInt(8), 8, 4, 4, 8);
    ReadoutTable t = Quantizer.readout(0.25, s);
    assertEquals(2, t.indexShift());
    assertArrayEquals(new long[] {16, 6, 2, 1}, t.expTable());
  }

  @Test
  void melInputUsesItsFormat() {
    SpikeScrModel m = RandomModel.create(small(InputKind.MEL), 14, 3.0);
    QuantizedModel q = Quantizer.quantize(m, QuantSettings.defaults(m.config()));
    assertEquals(-2048, q.embed().inputLo());
    assertEquals(2047, q.embed().inputHi());
  }
}
