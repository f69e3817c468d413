package org.spikescr.gen;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.ir.Direction;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.ModuleKind;
import org.spikescr.gen.ir.Param;
import org.spikescr.gen.ir.StreamPort;

/** Small hand-built designs for the generator's unit tests. */
public final class TestDesigns {
  private TestDesigns() {}

  /** The library skid buffer as the IR describes it. */
  public static HwModule skidBuffer() {
    return new HwModule(
        "skid_buffer",
        ModuleKind.LIBRARY,
        "two-entry register slice",
        List.of(new Param("WIDTH", 8, "data bits")),
        List.of(),
        List.of(
            new StreamPort("", Direction.INPUT, 8, false),
            new StreamPort("", Direction.OUTPUT, 8, false)),
        List.of());
  }

  /** A generated wrapper with one skid buffer of 12 bits, passing both streams through. */
  public static HwDesign wrapper() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("clk", "clk");
    c.put("rst", "rst");
    for (String s : List.of("s", "m")) {
      for (String sig : List.of("data", "valid", "ready")) {
        c.put(s + "_" + sig, s + "_x_" + sig);
      }
    }
    HwModule top =
        new HwModule(
            "slice",
            ModuleKind.GENERATED,
            "one register slice on a 12-bit stream",
            List.of(),
            List.of(),
            List.of(
                new StreamPort("x", Direction.INPUT, 12, false),
                new StreamPort("x", Direction.OUTPUT, 12, false)),
            List.of(
                new Instance(
                    "u.slice",
                    "skid_buffer",
                    List.of(new Param("WIDTH", 12, "data bits")),
                    List.of(new MemoryParam("INIT_FILE", "table")),
                    c)));
    MemoryImage mem =
        new MemoryImage(
            "table", 12, List.of(BigInteger.valueOf(5), BigInteger.valueOf(4095)), "a test table");
    return new HwDesign(
        "demo",
        List.of(skidBuffer(), top),
        List.of(mem),
        Map.of("generator", "0.0-test", "model", "none", "model_sha256", "0"));
  }
}
