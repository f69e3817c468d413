package org.spikescr.gen.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.gen.TestDesigns;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.Param;

class ValidateDesignTest {

  private static List<Diagnostic> check(HwDesign d) {
    return new ValidateDesign().check(new LegalizeNames().apply(d));
  }

  private static HwDesign withInstance(Instance i) {
    HwDesign d = TestDesigns.wrapper();
    HwModule top = d.modules().get(1).withInstances(List.of(i));
    return d.withModules(List.of(d.modules().get(0), top));
  }

  private static Instance slice() {
    return TestDesigns.wrapper().modules().get(1).instances().get(0);
  }

  @Test
  void theWrapperIsSound() {
    assertEquals(List.of(), check(TestDesigns.wrapper()));
  }

  @Test
  void findsAnUnconnectedAndAnUnknownPort() {
    Map<String, String> c = new LinkedHashMap<>(slice().connections());
    c.remove("m_ready");
    c.put("m_readyy", "1'b1");
    List<Diagnostic> d =
        check(withInstance(new Instance("u", "skid_buffer", slice().params(), List.of(), c)));
    assertEquals(2, d.size(), d.toString());
    assertTrue(d.get(0).message().contains("m_ready of skid_buffer is not connected"), d + "");
    assertTrue(d.get(1).message().contains("connects m_readyy"), d + "");
  }

  @Test
  void findsAnUnknownModuleParameterAndMemory() {
    Instance i = slice();
    assertTrue(
        check(withInstance(new Instance("u", "fifo", i.params(), List.of(), i.connections())))
            .get(0)
            .message()
            .contains("unknown module fifo"));
    assertTrue(
        check(
                withInstance(
                    new Instance(
                        "u",
                        "skid_buffer",
                        List.of(new Param("DEPTH", 4, "entries")),
                        List.of(),
                        i.connections())))
            .get(0)
            .message()
            .contains("DEPTH"));
    assertTrue(
        check(
                withInstance(
                    new Instance(
                        "u",
                        "skid_buffer",
                        i.params(),
                        List.of(new MemoryParam("INIT_FILE", "nothing")),
                        i.connections())))
            .get(0)
            .message()
            .contains("unknown memory nothing"));
  }
}
