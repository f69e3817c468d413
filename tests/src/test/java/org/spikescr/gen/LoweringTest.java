package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spikescr.gen.emit.verilog.TemplateEngine;
import org.spikescr.gen.emit.verilog.VerilogEmitter;
import org.spikescr.gen.flow.Flow;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.lower.AttentionParams;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.gen.lower.LifParams;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.lower.ReadoutParams;
import org.spikescr.gen.lower.SynapseMode;
import org.spikescr.gen.lower.SynapseParams;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.model.quantized.SynapticLayer;
import org.spikescr.quant.Quantizer;
import org.spikescr.testing.ProjectPaths;

/** Lowering of the bundled student: every number of every unit, and a sound, printable design. */
class LoweringTest {
  private static QuantizedModel student;

  @BeforeAll
  static void quantize() {
    var m = ModelFile.read(ProjectPaths.root().resolve("models/fsdd-student-t40.h5"));
    student = Quantizer.quantize(m, QuantSettings.defaults(m.config()));
  }

  private static HwOptions options(int lanes) {
    return new HwOptions("fsdd_student", lanes, student.settings().maxTimeSteps());
  }

  @Test
  void everySynapticLayerGetsItsKindAndWidths() {
    List<SynapseParams> e = LayerPlanner.synapses(student, options(32));
    List<SynapticLayer> layers = student.synapticLayers();
    assertEquals(14, e.size());
    List<SynapseMode> modes = new ArrayList<>();
    List<Integer> inputBits = new ArrayList<>();
    for (int i = 0; i < e.size(); i++) {
      SynapseParams p = e.get(i);
      SynapticLayer l = layers.get(i);
      modes.add(p.mode());
      inputBits.add(p.inputBits());
      assertEquals(l.name(), p.layer());
      assertEquals(l.outputs(), p.groups() * p.lanes());
      assertEquals(l.fanIn(), p.rows());
      assertEquals(l.accBits(), p.accBits());
      assertEquals(l.membraneBits(), p.biasBits());
      assertEquals(8, p.weightBits());
      assertEquals(4, p.fracBits());
      assertEquals(Math.max(l.accBits() + 4, l.membraneBits()) + 1, p.outputBits());
    }
    SynapseMode b = SynapseMode.BINARY;
    SynapseMode r = SynapseMode.RESIDUAL;
    assertEquals(
        List.of(SynapseMode.SPIKE_COUNT, b, b, b, b, r, b, r, SynapseMode.DEPTHWISE, b, b, b, r, b),
        modes);
    // q, k, v of block 0 see the 0/1 embedding spikes; mlp1.fc1 sees 0..2, pw1 0..3, mlp2.fc1 0..4
    assertEquals(List.of(8, 1, 1, 1, 1, 2, 1, 2, 32, 1, 1, 1, 3, 1), inputBits);
  }

  @Test
  void lifCoresTakeTheEngineOutputWidth() {
    List<SynapseParams> e = LayerPlanner.synapses(student, options(16));
    List<LifParams> lifs = LayerPlanner.lifs(student, options(16));
    for (int i = 0; i < lifs.size(); i++) {
      LifParams l = lifs.get(i);
      assertEquals(e.get(i).outputBits(), l.inputBits());
      assertEquals(l.membraneBits() - 1, l.thresholdBits());
      assertEquals(student.synapticLayers().get(i).lif(), l.layer());
      for (long theta : student.synapticLayers().get(i).threshold()) {
        assertTrue(theta < (1L << l.thresholdBits()), l.layer());
      }
    }
  }

  @Test
  void attentionAndReadoutNumbers() {
    AttentionParams a = LayerPlanner.attentions(student, options(32)).get(0);
    assertEquals(128, a.channels());
    assertEquals(8, a.heads());
    assertEquals(24, a.ropeFracBits());
    assertEquals(24 + 4 + 3, a.qkMembraneBits());
    assertEquals(false, a.official());
    ReadoutParams r = LayerPlanner.readout(student, options(32));
    assertEquals(10, r.classes());
    assertEquals(256, r.expLength());
    assertEquals(15, r.expFracBits());
    assertEquals(16, r.probFracBits());
  }

  @Test
  void refusesLanesThatDoNotDivideALayerAndATooLongTmax() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LayerPlanner.synapses(student, options(3)));
    assertTrue(e.getMessage().contains("--lanes 3 does not divide"), e.getMessage());
    HwOptions tooLong = new HwOptions("x", 32, student.settings().maxTimeSteps() + 1);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> LayerPlanner.attentions(student, tooLong))
            .getMessage()
            .contains("--t-max"));
  }

  @Test
  void theLoweredDesignIsSoundAndPrintsIdentically() {
    Map<String, String> attrs = Map.of("generator", "test", "model", "fsdd-student-t40.h5");
    HwDesign d = Flow.standard().run(Lowering.lower(student, options(32), attrs));
    VerilogEmitter emitter = new VerilogEmitter(new TemplateEngine());
    Map<String, String> files = emitter.emit(d);
    assertEquals(
        files, emitter.emit(Flow.standard().run(Lowering.lower(student, options(32), attrs))));
    assertTrue(files.containsKey("rtl/fsdd_student_pointwise_synapse.v"), files.keySet() + "");
    assertTrue(files.containsKey("rtl/fsdd_student_pointwise_lif_core.v"), files.keySet() + "");
    assertTrue(files.containsKey("rtl/fsdd_student_spike_embed_synapse.v"), files.keySet() + "");
    assertTrue(files.containsKey("rtl/fsdd_student_head_readout.v"));
    assertTrue(files.containsKey("mem/fsdd_student_blocks_0_attn_rope.mem"));
    assertTrue(files.containsKey("rtl/synaptic_engine.v"));
  }
}
