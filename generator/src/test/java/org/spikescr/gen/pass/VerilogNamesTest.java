package org.spikescr.gen.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerilogNamesTest {

  @Test
  void legalSpellingOfModelNames() {
    assertEquals("blocks_0_attn_q_lif", VerilogNames.legal("blocks.0.attn.q_lif"));
    assertEquals("n_0_head", VerilogNames.legal("0.head"));
    assertEquals("n_", VerilogNames.legal(""));
    assertEquals("spike_embed_lif", VerilogNames.legal("Spike-Embed.LIF"));
  }

  @Test
  void keywordsOfBothLanguagesGetASuffix() {
    assertEquals("module_r", VerilogNames.legal("module"));
    assertEquals("logic_r", VerilogNames.legal("logic"));
    assertEquals("wire_r", VerilogNames.legal("WIRE"));
    assertTrue(VerilogNames.isKeyword("always_ff"));
    assertFalse(VerilogNames.isKeyword("lif_core"));
  }

  @Test
  void allocationIsUniquePerScope() {
    VerilogNames scope = new VerilogNames();
    assertEquals("u_lif", scope.allocate("u_lif"));
    assertEquals("u_lif_1", scope.allocate("u.lif"));
    assertEquals("u_lif_2", scope.allocate("u_lif"));
    assertEquals("u_lif", new VerilogNames().allocate("u_lif"));
  }
}
