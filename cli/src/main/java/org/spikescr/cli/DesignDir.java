package org.spikescr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikescr.errors.InputException;
import org.spikescr.gen.emit.DesignManifest;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.cycles.Architecture;
import org.spikescr.sim.cycles.CycleModel;

/**
 * A design directory written by {@code spikescr generate}, read back: its manifest's name and
 * options, its quantized model, and the lowered network (the same trace taps the test bench
 * records).
 *
 * @param dir the directory
 * @param name the design's name
 * @param model the quantized model of {@code model.h5}
 * @param options the options it was generated with
 * @param network the network lowered again from the model and options
 */
record DesignDir(
    Path dir, String name, QuantizedModel model, HwOptions options, Lowering.Network network) {

  /** Reads {@code dir}; a missing or foreign directory is a clear input error. */
  static DesignDir read(Path dir) {
    Path manifest = dir.resolve(DesignManifest.FILE);
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir.toString(), "", "no such design directory");
    }
    if (!Files.isRegularFile(manifest)) {
      throw new InputException(
          manifest.toString(), "", "missing: not a design directory (run spikescr generate)");
    }
    Map<String, Object> m;
    try {
      m = JsonCodec.parseObject(Files.readString(manifest, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new InputException(manifest.toString(), "", "not a readable JSON manifest", e);
    }
    if (!DesignManifest.FORMAT.equals(m.get("format"))) {
      throw new InputException(
          manifest.toString(), "format", "expected \"" + DesignManifest.FORMAT + "\"");
    }
    String name = string(manifest, m, "design");
    Object a = m.get("attributes");
    if (!(a instanceof Map<?, ?> attrs)) {
      throw new InputException(manifest.toString(), "attributes", "expected an object");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : attrs.entrySet()) {
      attributes.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    }
    int lanes = integer(manifest, attributes, "lanes");
    int tMax = integer(manifest, attributes, "t_max");
    Path modelFile = dir.resolve(DesignFiles.MODEL);
    if (!Files.isRegularFile(modelFile)) {
      throw new InputException(modelFile.toString(), "", "missing: the design's quantized model");
    }
    QuantizedModel q = QuantizedModelFile.read(modelFile);
    // an engine without the attribute accumulates the design's lanes
    int engineLanes =
        attributes.containsKey("engine_lanes")
            ? integer(manifest, attributes, "engine_lanes")
            : lanes;
    int embedLanes =
        attributes.containsKey("embed_lanes")
            ? integer(manifest, attributes, "embed_lanes")
            : lanes;
    // a design without the attribute takes one event per cycle
    boolean pairs = Boolean.parseBoolean(attributes.getOrDefault("pairs", "false"));
    HwOptions options;
    try {
      options =
          new HwOptions(
              name,
              lanes,
              tMax,
              architecture(manifest, attributes),
              engineLanes,
              embedLanes,
              pairs);
    } catch (HwOptions.InvalidOption e) {
      // the manifest attribute that holds the option: --engine-lanes in engine_lanes, ...
      throw new InputException(
          manifest.toString(),
          "attributes." + e.option().substring(2).replace('-', '_'),
          e.getMessage(),
          e);
    }
    attributes.remove("top");
    Lowering.Network net = Lowering.network(q, options, attributes);
    return new DesignDir(dir, name, q, options, net);
  }

  /** The cycle model of the design: its lanes, architecture and engines' ways. */
  CycleModel cycleModel() {
    return new CycleModel(
        model,
        options.lanes(),
        options.architecture(),
        options.ways(),
        options.embedWays(),
        options.pairs());
  }

  /** The manifest's architecture; a design generated before the option is sequential. */
  private static Architecture architecture(Path file, Map<String, String> attrs) {
    String v = attrs.get("architecture");
    if (v == null) {
      return Architecture.SEQUENTIAL;
    }
    try {
      return Architecture.of(v);
    } catch (IllegalArgumentException e) {
      throw new InputException(file.toString(), "attributes.architecture", e.getMessage(), e);
    }
  }

  private static String string(Path file, Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new InputException(file.toString(), key, "expected a string");
    }
    return s;
  }

  private static int integer(Path file, Map<String, String> attrs, String key) {
    String v = attrs.get(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputException(file.toString(), "attributes." + key, "expected an integer", e);
    }
  }
}
