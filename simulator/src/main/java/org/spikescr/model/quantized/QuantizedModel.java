package org.spikescr.model.quantized;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.model.ModelConfig;

/**
 * A quantized SpikeSCR network: integers and formats only, everything the fixed-point simulator and
 * the hardware generator need ({@code docs/fixed-point.md}, {@code docs/model-format.md}).
 *
 * @param config hyper-parameters, as in the float model
 * @param settings the quantization choices
 * @param embed the embedding convolution feeding {@code spike_embed.lif}
 * @param blocks one entry per block
 * @param head the classifier head
 * @param readout the fixed-point readout
 * @param provenance free-form provenance, copied from the float model and extended
 */
public record QuantizedModel(
    ModelConfig config,
    QuantSettings settings,
    SynapticLayer embed,
    List<QuantizedBlock> blocks,
    QuantizedHead head,
    ReadoutTable readout,
    Map<String, String> provenance) {

  /** Validates the block count and copies the collections. */
  public QuantizedModel {
    if (blocks.size() != config.depth()) {
      throw new IllegalArgumentException(
          "model has depth " + config.depth() + " but " + blocks.size() + " blocks");
    }
    blocks = List.copyOf(blocks);
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    int qmax = settings.weightMax();
    List<IntTensor> weights = new ArrayList<>();
    weights.add(head.weight());
    for (SynapticLayer l : layers(embed, blocks)) {
      weights.add(l.weight());
    }
    for (IntTensor w : weights) {
      if (w.maxAbs() > qmax) {
        throw new IllegalArgumentException(
            "weights of magnitude "
                + w.maxAbs()
                + " exceed "
                + qmax
                + " for "
                + settings.weightBits()
                + " bits");
      }
    }
  }

  /** Every synaptic layer in forward order (embedding, then per block q, k, v, proj, ...). */
  public List<SynapticLayer> synapticLayers() {
    return layers(embed, blocks);
  }

  private static List<SynapticLayer> layers(SynapticLayer embed, List<QuantizedBlock> blocks) {
    List<SynapticLayer> out = new ArrayList<>();
    out.add(embed);
    for (QuantizedBlock b : blocks) {
      QuantizedBlock.QuantizedAttention a = b.attention();
      out.addAll(List.of(a.q(), a.k(), a.v(), a.proj(), b.mlp1().fc1(), b.mlp1().fc2()));
      QuantizedBlock.QuantizedConvModule c = b.conv();
      out.addAll(List.of(c.pw1(), c.dw(), c.value(), c.gate(), c.gsuProj()));
      out.addAll(List.of(b.mlp2().fc1(), b.mlp2().fc2()));
    }
    return Collections.unmodifiableList(out);
  }
}
