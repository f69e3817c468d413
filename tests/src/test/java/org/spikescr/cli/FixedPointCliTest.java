package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.quantized.QuantizedModel;

/** quantize, simulate --mode fixed and golden on the authors' conformance model. */
class FixedPointCliTest {
  @TempDir static Path dir;
  static Path model;
  static Path data;
  static Path quantized;

  @BeforeAll
  static void build() {
    ConformanceCase c = ConformanceCase.load(CliRunner.officialCase());
    model = dir.resolve("official.h5");
    ModelFile.write(c.model(), model);
    data = dir.resolve("official-data.h5");
    DatasetFile.write(SimulateCliTest.eventsDataset(c, c.labels()), data);
    quantized = dir.resolve("official-q16.h5");
    CliRunner.Result r =
        CliRunner.run(
            "quantize",
            "--model",
            model.toString(),
            "--out",
            quantized.toString(),
            "--weight-bits",
            "16",
            "--calib",
            data.toString(),
            "--quiet",
            "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals(16, json.get("weight_bits"));
    Map<?, ?> calib = (Map<?, ?>) json.get("calibration");
    assertEquals(0, calib.get("saturation_events"));
    assertTrue(((Number) calib.get("min_spike_agreement")).doubleValue() > 0.9, calib.toString());
  }

  @Test
  void quantizedFileHoldsTheRequestedWidths() {
    QuantizedModel q = QuantizedModelFile.read(quantized);
    assertEquals(16, q.settings().weightBits());
    assertEquals(17, LifWidths.of(q).size(), "one row per LIF layer");
  }

  @Test
  void infoDescribesAQuantizedModel() {
    CliRunner.Result r = CliRunner.run("info", quantized.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals("quantized", json.get("kind"));
    assertEquals(16, json.get("weight_bits"));
  }

  @Test
  void fixedModeReportsTheSameKeysPlusSaturations() {
    CliRunner.Result r =
        CliRunner.run(
            "simulate",
            "--model",
            quantized.toString(),
            "--data",
            data.toString(),
            "--mode",
            "fixed",
            "--quiet",
            "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    for (String key :
        List.of(
            "samples",
            "accuracy",
            "predictions",
            "labels",
            "scores",
            "firing_rates",
            "sops",
            "macs",
            "energy_uj",
            "saturations")) {
      assertTrue(json.containsKey(key), key);
    }
    Map<?, ?> sat = (Map<?, ?>) json.get("saturations");
    for (Object v : sat.values()) {
      assertEquals(0, v, sat.toString());
    }
    assertEquals("integer", json.get("precision"));
  }

  @Test
  void fixedModeQuantizesAFloatModelOnTheFly() {
    CliRunner.Result r =
        CliRunner.run(
            "simulate",
            "--model",
            model.toString(),
            "--data",
            data.toString(),
            "--mode",
            "fixed",
            "--limit",
            "2",
            "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("saturation events: 0"), r.out());
  }

  @Test
  void goldenVectorsRegenerateByteIdentically() throws IOException {
    Path a = dir.resolve("golden-a");
    Path b = dir.resolve("golden-b");
    for (Path p : List.of(a, b)) {
      CliRunner.Result r =
          CliRunner.run(
              "golden",
              "--model",
              quantized.toString(),
              "--data",
              data.toString(),
              "--samples",
              "2",
              "--out",
              p.toString());
      assertEquals(0, r.code(), r.err());
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(a)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertEquals(1 + 2 * (1 + 3 * 17 + 1 + 2 + 1), files.size());
    for (Path f : files) {
      assertArrayEquals(
          Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
    }
    Map<String, Object> index = JsonCodec.parseObject(Files.readString(a.resolve("index.json")));
    List<?> samples = (List<?>) index.get("samples");
    assertEquals(2, samples.size());
    String spikes = Files.readString(a.resolve("s0000/spike_embed.lif.spikes.hex"));
    assertEquals(40, spikes.lines().count());
    assertEquals(32, spikes.lines().findFirst().orElseThrow().length());
  }

  @Test
  void goldenRejectsZeroSamples() {
    CliRunner.Result r =
        CliRunner.run(
            "golden",
            "--model",
            quantized.toString(),
            "--data",
            data.toString(),
            "--samples",
            "0",
            "--out",
            dir.resolve("none").toString());
    assertEquals(2, r.code());
    assertTrue(Files.notExists(dir.resolve("none")));
  }
}
