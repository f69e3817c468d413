package org.spikescr.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;

class QuantizedModelFileTest {

  private static QuantizedModel model() {
    ModelConfig c =
        new ModelConfig(16, 2, 1, 24, 5, 3, InputKind.SPIKES, 20, 25.0, 0, 10, QkLayout.OFFICIAL);
    SpikeScrModel m = RandomModel.create(c, 21, 3.0);
    return Quantizer.quantize(m, QuantSettings.defaults(c));
  }

  @Test
  void roundTripKeepsEveryInteger(@TempDir Path dir) {
    QuantizedModel q = model();
    Path p = dir.resolve("model-q.h5");
    QuantizedModelFile.write(q, p);
    QuantizedModel back = QuantizedModelFile.read(p);
    assertEquals(q.config(), back.config());
    assertEquals(q.settings(), back.settings());
    assertEquals(q.synapticLayers(), back.synapticLayers());
    assertEquals(q.blocks(), back.blocks());
    assertEquals(q.head(), back.head());
    assertEquals(q.readout(), back.readout());
    assertEquals(q.provenance(), back.provenance());
  }

  @Test
  void weightsWiderThanTheStatedWidthAreRejected(@TempDir Path dir) {
    Path p = dir.resolve("bad-bits.h5");
    try (WritableHdfFile w = HdfFile.write(p)) {
      QuantizedModelFile.writeAll(w, model());
      w.removeAttribute("weight_bits");
      w.putAttribute("weight_bits", 4L);
    }
    InputException e = assertThrows(InputException.class, () -> QuantizedModelFile.read(p));
    assertTrue(e.getMessage().contains("/spike_embed/weight"), e.getMessage());
    assertTrue(e.getMessage().contains("-7..7"), e.getMessage());
  }

  @Test
  void aZeroThresholdIsRejected(@TempDir Path dir) {
    Path p = dir.resolve("bad-threshold.h5");
    try (WritableHdfFile w = HdfFile.write(p)) {
      QuantizedModelFile.writeAll(w, model());
      WritableGroup lif = group(w, "blocks", "0", "attn", "attn_lif");
      lif.removeAttribute("threshold");
      lif.putAttribute("threshold", 0L);
    }
    InputException e = assertThrows(InputException.class, () -> QuantizedModelFile.read(p));
    assertTrue(e.getMessage().contains("/blocks/0/attn/attn_lif"), e.getMessage());
  }

  private static WritableGroup group(WritableGroup root, String... path) {
    WritableGroup g = root;
    for (String part : path) {
      g = (WritableGroup) g.getChildren().get(part);
    }
    return g;
  }

  @Test
  void failedWriteLeavesNothingBehind(@TempDir Path dir) throws java.io.IOException {
    Path target = dir.resolve("q.h5");
    java.nio.file.Files.createDirectory(target); // a directory where the file should go
    QuantizedModel q = model();
    assertThrows(RuntimeException.class, () -> QuantizedModelFile.write(q, target));
    try (var files = java.nio.file.Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void aFloatModelIsNotAQuantizedOne(@TempDir Path dir) {
    ModelConfig c =
        new ModelConfig(16, 2, 1, 24, 5, 3, InputKind.SPIKES, 20, 25.0, 0, 10, QkLayout.TIME);
    Path p = dir.resolve("model.h5");
    ModelFile.write(RandomModel.create(c, 1, 1.0), p);
    InputException e = assertThrows(InputException.class, () -> QuantizedModelFile.read(p));
    assertTrue(e.getMessage().contains("@kind"), e.getMessage());
    Path q = dir.resolve("model-q.h5");
    QuantizedModelFile.write(model(), q);
    InputException f = assertThrows(InputException.class, () -> ModelFile.read(q));
    assertTrue(f.getMessage().contains("@kind"), f.getMessage());
  }
}
