package org.spikescr.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.errors.InputException;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.Tensor;

class ModelFileTest {
  @TempDir Path dir;

  static ModelConfig small() {
    return new ModelConfig(
        32, 2, 2, 48, 5, 7, org.spikescr.model.InputKind.SPIKES, 140, 25.0, 0, 40, QkLayout.TIME);
  }

  @Test
  void roundTripKeepsEveryValueConfigAndProvenance() {
    SpikeScrModel m = RandomModel.create(small(), 3, 1.0);
    Map<String, String> prov = new LinkedHashMap<>();
    prov.put("dataset", "unit test");
    prov.put("seed", "3");
    SpikeScrModel withProv = new SpikeScrModel(m.config(), m.parameters(), prov);
    Path p = dir.resolve("m.h5");
    ModelFile.write(withProv, p);
    SpikeScrModel back = ModelFile.read(p);
    assertEquals(withProv.config(), back.config());
    assertEquals(withProv.parameters(), back.parameters());
    assertEquals(prov, back.provenance());
  }

  @Test
  void writingTwiceGivesIdenticalBytes() throws IOException {
    SpikeScrModel m = RandomModel.create(small(), 4, 1.0);
    ModelFile.write(m, dir.resolve("a.h5"));
    ModelFile.write(m, dir.resolve("b.h5"));
    assertTrue(
        Arrays.equals(
            Files.readAllBytes(dir.resolve("a.h5")), Files.readAllBytes(dir.resolve("b.h5"))));
  }

  @Test
  void missingFileIsNamed() {
    InputException e =
        assertThrows(InputException.class, () -> ModelFile.read(dir.resolve("none.h5")));
    assertTrue(e.getMessage().contains("none.h5"), e.getMessage());
  }

  @Test
  void nonHdf5FileIsRejected() throws IOException {
    Path p = dir.resolve("text.h5");
    Files.writeString(p, "this is not HDF5");
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("HDF5"), e.getMessage());
  }

  @Test
  void truncatedFileIsRejected() throws IOException {
    Path good = dir.resolve("good.h5");
    ModelFile.write(RandomModel.create(small(), 5, 1.0), good);
    byte[] all = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.h5");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    assertThrows(InputException.class, () -> ModelFile.read(cut));
  }

  @Test
  void missingAttributeIsNamed() {
    Path p = dir.resolve("noattr.h5");
    writeRaw(p, small(), "d_model", null, null);
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("@d_model"), e.getMessage());
    assertTrue(e.getMessage().contains("noattr.h5"), e.getMessage());
  }

  @Test
  void badLayoutNameIsNamed() {
    Path p = dir.resolve("layout.h5");
    writeRaw(p, small(), "qk_layout", "sideways", null);
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("@qk_layout"), e.getMessage());
    assertTrue(e.getMessage().contains("sideways"), e.getMessage());
  }

  @Test
  void wrongShapeIsNamedWithTheExpectedShape() {
    Path p = dir.resolve("shape.h5");
    writeRaw(p, small(), null, null, "head.weight:shape");
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("/head/weight"), e.getMessage());
    assertTrue(e.getMessage().contains("[7, 32]"), e.getMessage());
  }

  @Test
  void nanWeightIsNamed() {
    Path p = dir.resolve("nan.h5");
    writeRaw(p, small(), null, null, "blocks.1.attn.k_conv.weight:nan");
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("/blocks/1/attn/k_conv/weight"), e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void versionOneFilesWithoutChecksumsAreRead() {
    Path p = dir.resolve("v1.h5");
    writeRaw(p, small(), null, null, null);
    assertEquals(RandomModel.create(small(), 9, 1.0).parameters(), ModelFile.read(p).parameters());
  }

  @Test
  void missingTensorIsNamed() {
    Path p = dir.resolve("missing.h5");
    writeRaw(p, small(), null, null, "blocks.0.mlp2.fc2_bn.running_var:drop");
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(p));
    assertTrue(e.getMessage().contains("/blocks/0/mlp2/fc2_bn/running_var"), e.getMessage());
  }

  @Test
  void failedWriteLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("sub").resolve("m.h5");
    Files.createDirectories(target.getParent());
    Files.createDirectory(target); // a directory where the file should go: the move fails
    SpikeScrModel m = RandomModel.create(small(), 6, 1.0);
    assertThrows(RuntimeException.class, () -> ModelFile.write(m, target));
    try (var s = Files.list(target.getParent())) {
      assertFalse(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  /**
   * Writes a model file by hand in format version 1 (no tensor checksums), leaving out or replacing
   * one attribute, and damaging one tensor ({@code name:shape} transposes it, {@code name:nan} puts
   * a NaN in it, {@code name:drop} leaves it out).
   */
  private static void writeRaw(
      Path p, ModelConfig c, String attribute, String replacement, String damage) {
    SpikeScrModel m = RandomModel.create(c, 9, 1.0);
    String damaged = damage == null ? "" : damage.substring(0, damage.indexOf(':'));
    String how = damage == null ? "" : damage.substring(damage.indexOf(':') + 1);
    try (WritableHdfFile w = HdfFile.write(p)) {
      ModelFile.writeConfig(w, c);
      w.removeAttribute("format_version");
      w.putAttribute("format_version", 1L);
      if (attribute != null) {
        w.removeAttribute(attribute);
        if (replacement != null) {
          w.putAttribute(attribute, replacement);
        }
      }
      for (Map.Entry<String, Tensor> e : m.parameters().entrySet()) {
        Tensor t = e.getValue();
        if (e.getKey().equals(damaged)) {
          if ("drop".equals(how)) {
            continue;
          }
          float[] d = t.data();
          int[] shape = t.shape();
          if ("nan".equals(how)) {
            d[d.length / 2] = Float.NaN;
          } else {
            int[] rev = shape.clone();
            rev[0] = shape[1];
            rev[1] = shape[0];
            shape = rev;
          }
          t = new Tensor(shape, d);
        }
        String[] parts = e.getKey().split("\\.", -1);
        WritableGroup g = w;
        for (int i = 0; i < parts.length - 1; i++) {
          var child = g.getChildren().get(parts[i]);
          g = child instanceof WritableGroup wg ? wg : g.putGroup(parts[i]);
        }
        g.putDataset(parts[parts.length - 1], ModelFile.shaped(t));
      }
    }
  }
}
