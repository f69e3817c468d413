package org.spikescr.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.errors.InputException;
import org.spikescr.gen.emit.DesignManifest;
import org.spikescr.gen.emit.verilog.TemplateEngine;
import org.spikescr.gen.emit.verilog.VerilogEmitter;
import org.spikescr.gen.flow.Flow;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.verify.Testbench;
import org.spikescr.io.Directories;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.quantized.QuantizedModel;

/**
 * Every file of a design directory: {@code rtl/}, {@code mem/}, the test bench {@code sim/}, the
 * driver and regression test {@code java/}, the quantized model the design was generated from
 * ({@code model.h5}, the golden model of {@code verify}) and {@code manifest.json}.
 *
 * @param network the lowered design with its trace taps
 * @param files relative path to content, sorted, manifest included
 */
record DesignFiles(Lowering.Network network, Map<String, byte[]> files) {

  /** The quantized model inside a design directory. */
  static final String MODEL = "model.h5";

  /** Lowers, legalizes and prints {@code q}; {@code source} names the model in messages. */
  static DesignFiles of(
      QuantizedModel q, HwOptions options, Map<String, String> attributes, String source) {
    Lowering.Network raw;
    try {
      raw = Lowering.network(q, options, attributes);
    } catch (IllegalArgumentException e) {
      throw new InputException(source, "", e.getMessage(), e);
    }
    Lowering.Network net =
        new Lowering.Network(Flow.standard().run(raw.design()), raw.taps(), raw.saturationFlags());
    TemplateEngine engine = new TemplateEngine();
    Map<String, byte[]> files = new TreeMap<>();
    for (Map.Entry<String, String> f : new VerilogEmitter(engine).emit(net.design()).entrySet()) {
      files.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    files.put(
        Testbench.path(net.design().name()),
        Testbench.of(net).render(engine).getBytes(StandardCharsets.UTF_8));
    files.put(MODEL, modelBytes(q));
    String topName = net.design().attributes().get("top");
    HwModule top =
        net.design()
            .module(topName)
            .orElseThrow(() -> new IllegalStateException("no top module " + topName));
    for (Map.Entry<String, String> f : DesignJava.files(q, options, top).entrySet()) {
      files.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return new DesignFiles(net, DesignManifest.withManifestBytes(net.design(), files));
  }

  private static byte[] modelBytes(QuantizedModel q) {
    Path tmp = null;
    try {
      Path dir = Files.createTempDirectory("spikescr-model");
      tmp = dir.resolve(MODEL);
      QuantizedModelFile.write(q, tmp);
      return Files.readAllBytes(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the quantized model", e);
    } finally {
      if (tmp != null) {
        Directories.deleteTreeQuietly(tmp.getParent());
      }
    }
  }
}
