package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikescr.gen.emit.verilog.TemplateEngine;
import org.spikescr.gen.emit.verilog.VerilogEmitter;
import org.spikescr.gen.flow.Flow;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.lower.HwOptions;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Verilator;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;
import org.spikescr.sim.cycles.Architecture;
import org.spikescr.testing.ProjectPaths;

/**
 * The generated per-layer modules of the bundled student agree with the hand-written units they
 * wrap: every one passes {@code verilator --lint-only -Wall} with no warning (a port width or name
 * the Java catalogue got wrong would be a WIDTH or PINNOTFOUND finding), at {@code P = 32} with
 * engines of 32 lanes, and with the default engines of 128 and 64 lanes taking two events per cycle
 * on spikes ({@code PAIRS}).
 */
class GeneratedUnitsLintTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyGeneratedModuleLintsClean(boolean pairs) throws IOException {
    var m = ModelFile.read(ProjectPaths.root().resolve("models/fsdd-student-t40.h5"));
    QuantizedModel q = Quantizer.quantize(m, QuantSettings.defaults(m.config()));
    int t = q.settings().maxTimeSteps();
    HwOptions options =
        pairs
            ? new HwOptions("fsdd_student", 32, t, Architecture.PIPELINED, 128, 64, true)
            : new HwOptions("fsdd_student", 32, t);
    HwDesign d =
        Flow.standard()
            .run(
                Lowering.lower(
                    q, options, Map.of("generator", "test", "model", "fsdd-student-t40.h5")));
    Path dir =
        ProjectPaths.root().resolve("tests/target/rtl/generated-units" + (pairs ? "-pairs" : ""));
    Map<String, String> files = new VerilogEmitter(new TemplateEngine()).emit(d);
    List<Path> rtl = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      if (f.getKey().startsWith("rtl/")) {
        rtl.add(p);
      }
    }
    Map<String, List<String>> warnings = new LinkedHashMap<>();
    for (HwModule g : d.generated()) {
      List<String> w =
          new Verilator().lint(RtlBuild.of(g.name(), rtl), dir.resolve("lint").resolve(g.name()));
      if (!w.isEmpty()) {
        warnings.put(g.name(), w);
      }
    }
    assertTrue(d.generated().size() >= 8, "generated modules: " + d.generated().size());
    assertTrue(
        d.generated().stream().anyMatch(g -> g.name().equals("fsdd_student_pointwise_synapse")),
        "the shared pointwise engine");
    assertEquals(Map.of(), warnings);
  }
}
