package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;

class InfoAndConformanceCliTest {
  @TempDir Path dir;

  @Test
  void infoPrintsHyperParametersAndTheAuthorsParameterCount() {
    Path m = dir.resolve("m.h5");
    ModelFile.write(RandomModel.create(ModelConfig.shdStudent(QkLayout.TIME), 1, 1.0), m);
    CliRunner.Result r = CliRunner.run("info", m.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals(261_632, json.get("trainable_parameters"));
    Map<?, ?> hp = (Map<?, ?>) json.get("hyper_parameters");
    assertEquals(128, hp.get("d_model"));
    assertEquals("time", hp.get("qk_layout"));
    CliRunner.Result text = CliRunner.run("info", m.toString());
    assertEquals(0, text.code());
    assertTrue(text.out().contains("261,632"), text.out());
  }

  @Test
  void conformanceReproducesTheAuthorsVectors() {
    CliRunner.Result r =
        CliRunner.run("conformance", "--dir", CliRunner.officialCase().toString(), "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    for (String key :
        List.of(
            "samples",
            "predictions",
            "expected",
            "labels_match",
            "min_spike_agreement",
            "layers")) {
      assertTrue(json.containsKey(key), key);
    }
    assertEquals(16, json.get("samples"));
    assertEquals(true, json.get("labels_match"));
    assertEquals(1.0, ((Number) json.get("min_spike_agreement")).doubleValue());
    assertEquals(17, ((List<?>) json.get("layers")).size());
  }

  @Test
  void corruptModelIsExitCodeTwoWithoutStackTrace() throws IOException {
    Path bad = dir.resolve("bad.h5");
    Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    CliRunner.Result r = CliRunner.run("info", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.h5"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    CliRunner.Result verbose = CliRunner.run("info", bad.toString(), "--verbose");
    assertEquals(2, verbose.code());
    assertTrue(verbose.err().contains("\tat "), verbose.err());
  }

  @Test
  void conformanceOnAnIncompleteDirectoryNamesTheMissingFile() throws IOException {
    Path d = dir.resolve("case");
    Files.createDirectories(d);
    Files.copy(CliRunner.officialCase().resolve("index.json"), d.resolve("index.json"));
    Files.copy(CliRunner.officialCase().resolve("inputs.npy"), d.resolve("inputs.npy"));
    CliRunner.Result r = CliRunner.run("conformance", "--dir", d.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("weights"), r.err());
  }

  @Test
  void conformanceRefusesNaNInTheIndexNamingTheFile() throws IOException {
    Path d = dir.resolve("nan-case");
    Files.createDirectories(d);
    String index = Files.readString(CliRunner.officialCase().resolve("index.json"));
    assertTrue(index.contains("\"n_inputs\": 140"));
    Files.writeString(
        d.resolve("index.json"), index.replace("\"n_inputs\": 140", "\"n_inputs\": NaN"));
    Files.copy(CliRunner.officialCase().resolve("inputs.npy"), d.resolve("inputs.npy"));
    CliRunner.Result r = CliRunner.run("conformance", "--dir", d.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("index.json"), r.err());
    assertTrue(r.err().contains("NaN"), r.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRunner.Result r = CliRunner.run("info", "--frobnicate");
    assertEquals(2, r.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"info", "conformance"})
  void everyCommandHasHelp(String command) {
    CliRunner.Result r = CliRunner.run(command, "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage"), r.out());
  }
}
