package org.spikescr.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Names of the LIF layers of a network, in forward order, spelled as the authors' {@code
 * model.named_modules()} spells them (for example {@code blocks.0.attn.q_lif2}).
 */
public final class LayerNames {
  private LayerNames() {}

  /** The embedding LIF. */
  public static final String EMBED = "spike_embed.lif";

  /** Every LIF layer of the configuration, in the order the forward pass runs them. */
  public static List<String> all(ModelConfig c) {
    List<String> out = new ArrayList<>();
    out.add(EMBED);
    for (int i = 0; i < c.depth(); i++) {
      out.addAll(block(i));
    }
    return Collections.unmodifiableList(out);
  }

  /** The LIF layers of block {@code i}, in forward order. */
  public static List<String> block(int i) {
    String b = "blocks." + i + ".";
    return List.of(
        b + "attn.q_lif",
        b + "attn.q_lif2",
        b + "attn.k_lif",
        b + "attn.k_lif2",
        b + "attn.v_lif",
        b + "attn.attn_lif",
        b + "attn.proj_lif",
        b + "mlp1.fc1_lif",
        b + "mlp1.fc2_lif",
        b + "conformer_module.lif1",
        b + "conformer_module.lif2",
        b + "conformer_module.gsu.lif1",
        b + "conformer_module.gsu.lif2",
        b + "conformer_module.lif3",
        b + "mlp2.fc1_lif",
        b + "mlp2.fc2_lif");
  }

  /** Neurons per time step of a LIF layer. */
  public static int width(ModelConfig c, String name) {
    return name.endsWith("fc1_lif") ? c.mlpHidden() : c.dModel();
  }
}
