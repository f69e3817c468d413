package org.spikescr.gen.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.spikescr.gen.TestDesigns;
import org.spikescr.gen.ir.HwDesign;

class LegalizeNamesTest {

  @Test
  void prefixesGeneratedNamesAndRelinksReferences() {
    HwDesign d = new LegalizeNames().apply(TestDesigns.wrapper());
    assertEquals("skid_buffer", d.modules().get(0).name());
    assertEquals("demo_slice", d.modules().get(1).name());
    assertEquals("u_slice", d.modules().get(1).instances().get(0).name());
    assertEquals("skid_buffer", d.modules().get(1).instances().get(0).module());
    assertEquals("demo_table", d.memories().get(0).name());
    assertEquals("demo_table", d.modules().get(1).instances().get(0).memories().get(0).memory());
  }

  @Test
  void isIdempotent() {
    HwDesign once = new LegalizeNames().apply(TestDesigns.wrapper());
    assertEquals(once, new LegalizeNames().apply(once));
  }
}
