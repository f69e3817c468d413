package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.conformance.ConformanceCase;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.InputKind;

/**
 * Simulates the authors' conformance model on a dataset file rebuilt from the conformance inputs:
 * each count of frame t and channel group g becomes spikes in the middle of frame t on units of
 * group g, in a fixed window of T frames, so the framing must give back the exact inputs and the
 * predictions must equal the authors' labels.
 */
class SimulateCliTest {
  @TempDir static Path dir;
  static Path model;
  static Path data;
  static int[] expected;

  @BeforeAll
  static void build() {
    ConformanceCase c = ConformanceCase.load(CliRunner.officialCase());
    model = dir.resolve("official.h5");
    ModelFile.write(c.model(), model);
    expected = c.labels();
    data = dir.resolve("official-data.h5");
    DatasetFile.write(eventsDataset(c, expected), data);
  }

  static Dataset eventsDataset(ConformanceCase c, int[] labels) {
    double frameS = c.model().config().frameMs() / 1000;
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < c.inputs().length; s++) {
      List<double[]> spikes = new ArrayList<>();
      double[][] x = c.inputs()[s];
      for (int t = 0; t < x.length; t++) {
        for (int g = 0; g < x[t].length; g++) {
          for (int k = 0; k < (int) x[t][g]; k++) {
            spikes.add(new double[] {(t + 0.5) * frameS, 5 * g + k % 5});
          }
        }
      }
      double[] times = new double[spikes.size()];
      int[] units = new int[spikes.size()];
      for (int i = 0; i < times.length; i++) {
        times[i] = spikes.get(i)[0];
        units[i] = (int) spikes.get(i)[1];
      }
      samples.add(Sample.ofSpikes(labels[s], 0, "conformance-" + s, new SpikeEvents(times, units)));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= java.util.Arrays.stream(labels).max().getAsInt(); i++) {
      names.add("class" + i);
    }
    return new Dataset(InputKind.SPIKES, 700, samples, names, c.inputs()[0].length * frameS, 0);
  }

  @Test
  void jsonReportHasEveryKeyAndReproducesTheAuthorsLabels() {
    CliRunner.Result r =
        CliRunner.run("simulate", "--model", model.toString(), "--data", data.toString(), "--json");
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
            "energy_uj")) {
      assertTrue(json.containsKey(key), key);
    }
    assertEquals(16, json.get("samples"));
    assertEquals(1.0, ((Number) json.get("accuracy")).doubleValue());
    int[] predicted =
        ((List<?>) json.get("predictions"))
            .stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    assertArrayEquals(expected, predicted);
    Map<?, ?> rates = (Map<?, ?>) json.get("firing_rates");
    assertEquals(17, rates.size());
    double embedRate = ((Number) rates.get("spike_embed.lif")).doubleValue();
    assertEquals(0.13914794921875, embedRate, 1e-12, "the authors' measured embed firing rate");
    assertTrue(((Number) json.get("sops")).doubleValue() > 0);
    assertEquals(0.0, ((Number) json.get("macs")).doubleValue());
    double energy = ((Number) json.get("energy_uj")).doubleValue();
    assertEquals(((Number) json.get("sops")).doubleValue() * 0.9e-6, energy, 1e-9);
  }

  @Test
  void limitAndTextReport() {
    CliRunner.Result r =
        CliRunner.run(
            "simulate", "--model", model.toString(), "--data", data.toString(), "--limit", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("accuracy 100.00 % (3 of 3)"), r.out());
    assertTrue(r.out().contains("confusion matrix"), r.out());
    assertTrue(r.out().contains("0.9 pJ"), r.out());
  }

  @Test
  void labelOutOfRangeIsBadInputNamingTheSample() {
    ConformanceCase c = ConformanceCase.load(CliRunner.officialCase());
    int[] labels = expected.clone();
    labels[5] = 20;
    Path bad = dir.resolve("bad-labels.h5");
    DatasetFile.write(eventsDataset(c, labels), bad);
    CliRunner.Result r =
        CliRunner.run("simulate", "--model", model.toString(), "--data", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("/labels[5]"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void missingDataFileIsBadInput() {
    CliRunner.Result r =
        CliRunner.run(
            "simulate", "--model", model.toString(), "--data", dir.resolve("nope.h5").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("nope.h5"), r.err());
  }

  @Test
  void unknownModeIsBadInput() {
    CliRunner.Result r =
        CliRunner.run(
            "simulate", "--model", model.toString(), "--data", data.toString(), "--mode", "analog");
    assertEquals(2, r.code());
    assertTrue(Files.exists(model));
  }
}
