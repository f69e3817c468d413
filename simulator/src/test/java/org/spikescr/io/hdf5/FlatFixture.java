package org.spikescr.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes hand-made flat-layout files, valid or broken, for reader tests. */
final class FlatFixture {
  final Map<String, Object> attributes = new LinkedHashMap<>();
  final Map<String, Object> datasets = new LinkedHashMap<>();

  /** A valid two-sample spike file: 3 spikes then 2 spikes, 700 channels. */
  static FlatFixture spikes() {
    FlatFixture f = new FlatFixture();
    f.attributes.put("format", DatasetFile.FORMAT);
    f.attributes.put("format_version", 1L);
    f.attributes.put("input_kind", "spikes");
    f.attributes.put("channels", 700L);
    f.attributes.put("samples", 2L);
    f.datasets.put("spikes/times", new double[] {0.0, 0.01, 0.02, 0.1, 0.3});
    f.datasets.put("spikes/units", new int[] {0, 699, 5, 7, 7});
    f.datasets.put("spikes/offsets", new long[] {0, 3, 5});
    f.datasets.put("labels", new int[] {1, 0});
    f.datasets.put("extra/speaker", new int[] {4, -1});
    f.datasets.put("extra/keys", new String[] {"zero", "one"});
    f.datasets.put("extra/source", new String[] {"a.wav", "b.wav"});
    return f;
  }

  /** A valid two-sample mel file: 2 frames then 1 frame, 3 bands. */
  static FlatFixture mel() {
    FlatFixture f = new FlatFixture();
    f.attributes.put("format", DatasetFile.FORMAT);
    f.attributes.put("format_version", 1L);
    f.attributes.put("input_kind", "mel");
    f.attributes.put("channels", 3L);
    f.attributes.put("samples", 2L);
    f.attributes.put("hop_samples", 80L);
    f.datasets.put("frames/data", new float[][] {{1, 2, 3}, {4, 5, 6}, {-100, 0, 0.5f}});
    f.datasets.put("frames/offsets", new long[] {0, 2, 3});
    f.datasets.put("labels", new int[] {2, 0});
    return f;
  }

  FlatFixture attr(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
    return this;
  }

  FlatFixture data(String path, Object value) {
    if (value == null) {
      datasets.remove(path);
    } else {
      datasets.put(path, value);
    }
    return this;
  }

  Path write(Path file) {
    try (WritableHdfFile w = HdfFile.write(file)) {
      for (Map.Entry<String, Object> a : attributes.entrySet()) {
        w.putAttribute(a.getKey(), a.getValue());
      }
      for (Map.Entry<String, Object> d : datasets.entrySet()) {
        String[] parts = d.getKey().split("/", -1);
        WritableGroup g = w;
        for (int i = 0; i < parts.length - 1; i++) {
          Node child = g.getChildren().get(parts[i]);
          g = child instanceof WritableGroup wg ? wg : g.putGroup(parts[i]);
        }
        g.putDataset(parts[parts.length - 1], d.getValue());
      }
    }
    return file;
  }
}
