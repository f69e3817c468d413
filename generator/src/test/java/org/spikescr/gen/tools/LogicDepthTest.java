package org.spikescr.gen.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.json.JsonCodec;

/** {@link LogicDepth} on small hand-made netlists in Yosys' {@code write_json} layout. */
class LogicDepthTest {

  /** Builds a one-module netlist: ports and cells with their pins' nets. */
  private static final class Net {
    private final Map<String, Object> ports = new LinkedHashMap<>();
    private final Map<String, Object> cells = new LinkedHashMap<>();
    private final Map<String, Object> netnames = new LinkedHashMap<>();

    /** A net name for {@code bits}; {@code hidden} as Yosys marks its internal names. */
    Net name(String name, boolean hidden, Object... bits) {
      netnames.put(name, Map.of("hide_name", hidden ? 1 : 0, "bits", List.of(bits)));
      return this;
    }

    Net port(String name, String direction, Object... bits) {
      ports.put(name, Map.of("direction", direction, "bits", List.of(bits)));
      return this;
    }

    /** A LUT with inputs I0.. on {@code in} and output O on {@code out}. */
    Net lut(String name, int out, Object... in) {
      Map<String, Object> dirs = new LinkedHashMap<>();
      Map<String, Object> conns = new LinkedHashMap<>();
      for (int i = 0; i < in.length; i++) {
        dirs.put("I" + i, "input");
        conns.put("I" + i, List.of(in[i]));
      }
      dirs.put("O", "output");
      conns.put("O", List.of(out));
      return cell(name, "LUT" + in.length, dirs, conns);
    }

    /** A flip-flop FDRE: D and clock C in, Q out. */
    Net ff(String name, Object d, int q) {
      return cell(
          name,
          "FDRE",
          Map.of("C", "input", "CE", "input", "R", "input", "D", "input", "Q", "output"),
          Map.of(
              "C",
              List.of(1),
              "CE",
              List.of("1"),
              "R",
              List.of("0"),
              "D",
              List.of(d),
              "Q",
              List.of(q)));
    }

    Net cell(String name, String type, Map<String, Object> dirs, Map<String, Object> conns) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("type", type);
      if (dirs != null) {
        c.put("port_directions", dirs);
      }
      c.put("connections", conns);
      cells.put(name, c);
      return this;
    }

    int depth() {
      return path().depth();
    }

    LogicDepth.CriticalPath path() {
      Map<String, Object> module = Map.of("ports", ports, "cells", cells, "netnames", netnames);
      // through the JSON text, as the netlist file is read
      String text = JsonCodec.pretty(Map.of("modules", Map.of("top", module)));
      return LogicDepth.criticalPath(JsonCodec.parseObject(text), "top");
    }
  }

  @Test
  void threeLutsBetweenTwoFlipFlopsAreThreeLevels() {
    Net n =
        new Net()
            .port("clk", "input", 1)
            .ff("a", 2, 10)
            .lut("l1", 11, 10)
            .lut("l2", 12, 11, 10)
            .lut("l3", 13, 12)
            .ff("b", 13, 14)
            .port("q", "output", 14);
    assertEquals(3, n.depth());
  }

  /** A flip-flop, a one-LUT and a four-LUT branch joined by a LUT, into a second flip-flop. */
  private static Net twoBranches() {
    return new Net()
        .port("clk", "input", 1)
        .port("x", "input", 2)
        .ff("a", 2, 10)
        .lut("short", 20, 10)
        .lut("long1", 21, 10)
        .lut("long2", 22, 21)
        .lut("long3", 23, 22)
        .lut("long4", 24, 23)
        .lut("join", 25, 20, 24)
        .ff("b", 25, 26)
        .port("q", "output", 26);
  }

  @Test
  void theLongestOfTwoBranchesCounts() {
    assertEquals(5, twoBranches().depth());
  }

  @Test
  void theCriticalPathNamesTheVisibleNetsOfTheLongestBranch() {
    Net n =
        twoBranches()
            .name("u.acc_q", false, 10, 30)
            .name("u.short_sum", false, 20)
            .name("u.carry", false, 22)
            .name("$abc$123$n7", true, 23)
            .name("u.sum", false, 25)
            .name("u.sum_q", false, 26);
    LogicDepth.CriticalPath p = n.path();
    assertEquals(5, p.depth());
    assertEquals(
        List.of("u.acc_q[0] @0", "u.carry @2", "u.sum @5", "into FDRE driving u.sum_q @5"),
        p.nets());
  }

  @Test
  void portsStartAndEndPaths() {
    Net n =
        new Net()
            .port("x", "input", 2, 3)
            .lut("l1", 4, 2, 3)
            .lut("l2", 5, 4)
            .port("y", "output", 5);
    assertEquals(2, n.depth());
  }

  @Test
  void flipFlopsCutPaths() {
    // LUT, FF, LUT, LUT: the longest register-to-register path is the two after the FF
    Net n =
        new Net()
            .port("clk", "input", 1)
            .port("x", "input", 2)
            .lut("l1", 3, 2)
            .ff("a", 3, 4)
            .lut("l2", 5, 4)
            .lut("l3", 6, 5)
            .port("y", "output", 6);
    assertEquals(2, n.depth());
  }

  @Test
  void carryChainsAndWideMuxesPassOnWithoutALevel() {
    Map<String, Object> carryDirs = new LinkedHashMap<>();
    Map<String, Object> carryConns = new LinkedHashMap<>();
    for (String p : List.of("CI", "CYINIT", "DI", "S")) {
      carryDirs.put(p, "input");
    }
    carryDirs.put("O", "output");
    carryDirs.put("CO", "output");
    carryConns.put("CI", List.of("0"));
    carryConns.put("CYINIT", List.of("0"));
    carryConns.put("DI", List.of(10, "0", "0", "0"));
    carryConns.put("S", List.of(11, "1", "1", "1"));
    carryConns.put("O", List.of(20, 21, 22, 23));
    carryConns.put("CO", List.of(24, 25, 26, 27));
    Net n =
        new Net()
            .port("clk", "input", 1)
            .ff("a", 2, 10)
            .lut("l1", 11, 10)
            .cell("c0", "CARRY4", carryDirs, carryConns)
            .lut("l2", 30, 27)
            .lut("l3", 31, 21)
            .cell(
                "m",
                "MUXF7",
                Map.of("I0", "input", "I1", "input", "S", "input", "O", "output"),
                Map.of("I0", List.of(30), "I1", List.of(31), "S", List.of(10), "O", List.of(32)))
            .ff("b", 32, 33)
            .port("q", "output", 33);
    assertEquals(2, n.depth());
  }

  @Test
  void blockRamAndUnknownCellsAreBoundaries() {
    Net n =
        new Net()
            .port("clk", "input", 1)
            .ff("a", 2, 10)
            .lut("l1", 11, 10)
            .cell(
                "ram",
                "RAMB18E1",
                Map.of("ADDRARDADDR", "input", "DOADO", "output"),
                Map.of("ADDRARDADDR", List.of(11), "DOADO", List.of(12)))
            .lut("l2", 13, 12)
            .lut("l3", 14, 13)
            .cell("box", "MYSTERY", null, Map.of("A", List.of(14), "B", List.of(15)))
            .lut("l4", 16, 15)
            .port("q", "output", 16);
    assertEquals(2, n.depth());
  }

  @Test
  void aLongChainNeedsNoDeepRecursion() {
    Net n = new Net().port("clk", "input", 1).ff("a", 2, 100);
    int len = 20_000;
    for (int i = 0; i < len; i++) {
      n.lut("l" + i, 101 + i, 100 + i);
    }
    n.ff("b", 100 + len, 3).port("q", "output", 3);
    assertEquals(len, n.depth());
  }

  @Test
  void aCombinationalLoopIsNamed() {
    Net n =
        new Net()
            .port("x", "input", 2)
            .lut("l1", 10, 2, 11)
            .lut("l2", 11, 10)
            .port("y", "output", 11);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, n::depth);
    assertTrue(e.getMessage().contains("loop"), e.getMessage());
    assertTrue(e.getMessage().contains("l1") || e.getMessage().contains("l2"), e.getMessage());
  }

  @Test
  void constantsAndEmptyDesignsAreDepthZero() {
    assertEquals(0, new Net().port("y", "output", "0").depth());
    List<Object> none = new ArrayList<>();
    assertEquals(0, new Net().port("y", "output", none.toArray()).depth());
  }

  @Test
  void aMissingTopModuleIsAnError() {
    Map<String, Object> netlist = JsonCodec.parseObject("{\"modules\": {\"other\": {}}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogicDepth.of(netlist, "top"));
    assertTrue(e.getMessage().contains("top"), e.getMessage());
  }

  @Test
  void levelsOfCellTypes() {
    assertEquals(1, LogicDepth.levels("LUT1"));
    assertEquals(1, LogicDepth.levels("LUT6"));
    assertEquals(0, LogicDepth.levels("CARRY4"));
    assertEquals(0, LogicDepth.levels("MUXF8"));
    assertEquals(-1, LogicDepth.levels("FDRE"));
    assertEquals(-1, LogicDepth.levels("RAM32M"));
    assertEquals(-1, LogicDepth.levels("DSP48E1"));
    assertEquals(-1, LogicDepth.levels("LUT7"));
  }
}
