package org.spikescr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.Quantizer;

/** The name table: spellings, order, and agreement with the quantizer and the parameter list. */
class LayerNamesTest {
  private static final ModelConfig CONFIG =
      new ModelConfig(16, 2, 2, 24, 5, 5, InputKind.SPIKES, 20, 25.0, 0, 20, QkLayout.TIME);

  @Test
  void lifLayersOfABlockInForwardOrder() {
    assertEquals(
        List.of(
            "blocks.1.attn.q_lif",
            "blocks.1.attn.q_lif2",
            "blocks.1.attn.k_lif",
            "blocks.1.attn.k_lif2",
            "blocks.1.attn.v_lif",
            "blocks.1.attn.attn_lif",
            "blocks.1.attn.proj_lif",
            "blocks.1.mlp1.fc1_lif",
            "blocks.1.mlp1.fc2_lif",
            "blocks.1.conformer_module.lif1",
            "blocks.1.conformer_module.lif2",
            "blocks.1.conformer_module.gsu.lif1",
            "blocks.1.conformer_module.gsu.lif2",
            "blocks.1.conformer_module.lif3",
            "blocks.1.mlp2.fc1_lif",
            "blocks.1.mlp2.fc2_lif"),
        LayerNames.block(1).lifs());
    List<String> all = LayerNames.all(CONFIG);
    assertEquals(1 + 2 * 16, all.size());
    assertEquals("spike_embed.lif", all.get(0));
  }

  @Test
  void spellingsOfOneBlock() {
    LayerNames.Block b = LayerNames.block(0);
    assertEquals("blocks.0.", b.prefix());
    assertEquals(
        new LayerNames.Synapse(
            "blocks.0.attn.q", "blocks.0.attn.q_lif", "blocks.0.attn.q_conv", "blocks.0.attn.q_bn"),
        b.q());
    assertEquals("blocks.0.attn.q_conv.weight", b.q().weight());
    assertEquals("blocks.0.conformer_module.pw1.conv.bias", b.pw1().bias());
    assertEquals("blocks.0.conformer_module.gsu_proj", b.gsuProj().name());
    assertEquals("blocks.0.conformer_module.gsu.proj_bn", b.gsuProj().batchNorm());
    assertEquals("blocks.0.mlp2.fc1_conv", b.mlp2().fc1().module());
    assertEquals("blocks.0.attn.rotary_emb.freqs", b.ropeFrequencies());
    assertEquals("blocks.0.attn.rope", b.rope());
    assertEquals("blocks.0.attn.scores", b.scores());
  }

  @Test
  void synapticLayersMatchTheQuantizedModel() {
    QuantizedModel q =
        Quantizer.quantize(RandomModel.create(CONFIG, 5, 1.0), QuantSettings.defaults(CONFIG));
    List<LayerNames.Synapse> expected = new ArrayList<>();
    expected.add(LayerNames.EMBEDDING);
    for (int i = 0; i < CONFIG.depth(); i++) {
      expected.addAll(LayerNames.block(i).synapses());
    }
    List<SynapticLayer> layers = q.synapticLayers();
    assertEquals(expected.size(), layers.size());
    for (int i = 0; i < layers.size(); i++) {
      assertEquals(expected.get(i).name(), layers.get(i).name());
      assertEquals(expected.get(i).lif(), layers.get(i).lif());
    }
  }

  @Test
  void floatModulesAreParametersOfTheModel() {
    Set<String> params = new HashSet<>();
    for (ParameterSchema.Entry e : ParameterSchema.entries(CONFIG)) {
      params.add(e.name());
    }
    List<LayerNames.Synapse> all = new ArrayList<>(List.of(LayerNames.EMBEDDING));
    all.addAll(LayerNames.block(1).synapses());
    for (LayerNames.Synapse s : all) {
      assertTrue(params.contains(s.weight()), s.weight());
      assertTrue(params.contains(s.batchNorm() + ".running_var"), s.batchNorm());
    }
    assertTrue(params.contains(LayerNames.block(1).ropeFrequencies()));
    assertTrue(params.contains(LayerNames.HEAD + ".weight"));
  }

  @Test
  void namesAreDistinct() {
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>(LayerNames.all(CONFIG));
    for (int i = 0; i < CONFIG.depth(); i++) {
      for (LayerNames.Synapse s : LayerNames.block(i).synapses()) {
        names.add(s.name());
      }
    }
    for (String n : names) {
      assertTrue(seen.add(n), "duplicate name " + n);
    }
  }
}
