package org.spikescr.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one table of layer names of a network, spelled as the authors' {@code model.named_modules()}
 * spells them (for example {@code blocks.0.attn.q_lif2}): LIF layers, synaptic layers (the group
 * names of the quantized model file), the float model's modules they come from, and the block
 * prefixes. Every other class takes its names from here; the hardware names are derived from them,
 * so each name has its own accessor and none changes without a reason.
 */
public final class LayerNames {
  private LayerNames() {}

  /** The embedding LIF. */
  public static final String EMBED = "spike_embed.lif";

  /** The head (logits) and the name of its saturation counter. */
  public static final String HEAD = "head";

  /** The name of the front-end cast's saturation counter. */
  public static final String INPUT = "input";

  /** The prefix of every block's names. */
  public static final String BLOCKS = "blocks.";

  /** The embedding convolution and its LIF. */
  public static final Synapse EMBEDDING =
      new Synapse("spike_embed", EMBED, "spike_embed.conv", "spike_embed.bn");

  /**
   * The names around one synaptic layer.
   *
   * @param name the synaptic layer (group name of the quantized model file), e.g. {@code
   *     blocks.0.attn.q}
   * @param lif the LIF layer it feeds, e.g. {@code blocks.0.attn.q_lif}
   * @param module the float model's Linear/Conv module, e.g. {@code blocks.0.attn.q_conv}
   * @param batchNorm the float model's BatchNorm folded into it, e.g. {@code blocks.0.attn.q_bn}
   */
  public record Synapse(String name, String lif, String module, String batchNorm) {
    /** The float model's weight tensor. */
    public String weight() {
      return module + ".weight";
    }

    /** The float model's bias tensor. */
    public String bias() {
      return module + ".bias";
    }
  }

  /**
   * The names of one MS_MLP ({@code mlp1} or {@code mlp2}) of a block.
   *
   * @param prefix e.g. {@code blocks.0.mlp1}
   * @param fc1 the first layer, into {@code fc1_lif}
   * @param fc2 the second layer, into {@code fc2_lif}
   */
  public record Mlp(String prefix, Synapse fc1, Synapse fc2) {
    static Mlp of(String prefix) {
      String p = prefix + ".";
      return new Mlp(
          prefix,
          new Synapse(p + "fc1", p + "fc1_lif", p + "fc1_conv", p + "fc1_bn"),
          new Synapse(p + "fc2", p + "fc2_lif", p + "fc2_conv", p + "fc2_bn"));
    }
  }

  /** The names of block {@code i} ({@code blocks.i.}). */
  public static Block block(int i) {
    if (i < 0) {
      throw new IllegalArgumentException("block index must be >= 0, got " + i);
    }
    return new Block(i);
  }

  /**
   * The names of one block: attention ({@code attn}), the two MLPs and the convolution module
   * ({@code conformer_module}).
   *
   * @param index the block index i
   */
  public record Block(int index) {
    /** {@code blocks.i.} */
    public String prefix() {
      return BLOCKS + index + ".";
    }

    /** {@code blocks.i.attn.} */
    public String attention() {
      return prefix() + "attn.";
    }

    /** {@code blocks.i.attn}: the attention as a whole, as schedules and reports name it. */
    public String attentionBlock() {
      return prefix() + "attn";
    }

    /** {@code blocks.i.conformer_module.} */
    public String convModule() {
      return prefix() + "conformer_module.";
    }

    /** The query layer, into {@code attn.q_lif}. */
    public Synapse q() {
      return attentionLayer("q");
    }

    /** The key layer, into {@code attn.k_lif}. */
    public Synapse k() {
      return attentionLayer("k");
    }

    /** The value layer, into {@code attn.v_lif}. */
    public Synapse v() {
      return attentionLayer("v");
    }

    /** The output projection, into {@code attn.proj_lif}. */
    public Synapse proj() {
      return attentionLayer("proj");
    }

    private Synapse attentionLayer(String p) {
      String a = attention();
      return new Synapse(a + p, a + p + "_lif", a + p + "_conv", a + p + "_bn");
    }

    /** The second query LIF (after RoPE). */
    public String qLif2() {
      return attention() + "q_lif2";
    }

    /** The second key LIF (after RoPE). */
    public String kLif2() {
      return attention() + "k_lif2";
    }

    /** The attention LIF (after {@code Q K^T V}). */
    public String attnLif() {
      return attention() + "attn_lif";
    }

    /** The float model's RoPE frequencies. */
    public String ropeFrequencies() {
      return attention() + "rotary_emb.freqs";
    }

    /** The RoPE table of the quantized model file. */
    public String rope() {
      return attention() + "rope";
    }

    /** The attention scores of the golden vectors. */
    public String scores() {
      return attention() + "scores";
    }

    /** The first MLP. */
    public Mlp mlp1() {
      return Mlp.of(prefix() + "mlp1");
    }

    /** The second MLP. */
    public Mlp mlp2() {
      return Mlp.of(prefix() + "mlp2");
    }

    /** The first pointwise convolution, into {@code lif1}. */
    public Synapse pw1() {
      String c = convModule();
      return new Synapse(c + "pw1", c + "lif1", c + "pw1.conv", c + "bn1");
    }

    /** The depthwise convolution, into {@code lif2}. */
    public Synapse dw() {
      String c = convModule();
      return new Synapse(c + "dw", c + "lif2", c + "dw.conv", c + "bn2");
    }

    /** The value half of {@code pw2} (channels {@code 0 .. D-1}), into {@code lif3}. */
    public Synapse value() {
      String c = convModule();
      return new Synapse(c + "value", c + "lif3", c + "pw2.conv", c + "bn3");
    }

    /** The gate half of {@code pw2} (channels {@code D .. 2D-1}), into {@code gsu.lif1}. */
    public Synapse gate() {
      String c = convModule();
      return new Synapse(c + "gate", c + "gsu.lif1", c + "pw2.conv", c + "bn3");
    }

    /** The gate's projection, into {@code gsu.lif2}. */
    public Synapse gsuProj() {
      String c = convModule();
      return new Synapse(c + "gsu_proj", c + "gsu.lif2", c + "gsu.proj_conv", c + "gsu.proj_bn");
    }

    /** The synaptic layers of the block, in forward order. */
    public List<Synapse> synapses() {
      Mlp m1 = mlp1();
      Mlp m2 = mlp2();
      return List.of(
          q(), k(), v(), proj(), m1.fc1(), m1.fc2(), pw1(), dw(), value(), gate(), gsuProj(),
          m2.fc1(), m2.fc2());
    }

    /** The LIF layers of the block, in the order the forward pass runs them. */
    public List<String> lifs() {
      Mlp m1 = mlp1();
      Mlp m2 = mlp2();
      return List.of(
          q().lif(),
          qLif2(),
          k().lif(),
          kLif2(),
          v().lif(),
          attnLif(),
          proj().lif(),
          m1.fc1().lif(),
          m1.fc2().lif(),
          pw1().lif(),
          dw().lif(),
          gate().lif(),
          gsuProj().lif(),
          value().lif(),
          m2.fc1().lif(),
          m2.fc2().lif());
    }
  }

  /** Every LIF layer of the configuration, in the order the forward pass runs them. */
  public static List<String> all(ModelConfig c) {
    List<String> out = new ArrayList<>();
    out.add(EMBED);
    for (int i = 0; i < c.depth(); i++) {
      out.addAll(block(i).lifs());
    }
    return Collections.unmodifiableList(out);
  }

  /** Neurons per time step of a LIF layer. */
  public static int width(ModelConfig c, String name) {
    return name.endsWith("fc1_lif") ? c.mlpHidden() : c.dModel();
  }
}
