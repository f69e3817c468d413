package org.spikescr.gen.tools;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logic depth of a mapped 7-series netlist (Yosys {@code write_json} after {@code synth_xilinx
 * -flatten}): the most LUT cells on any path between two boundaries. A boundary is a top-level port
 * or a pin of any cell that is not combinational: flip-flops, block RAM, DSP slices, distributed
 * RAM and shift registers (their outputs start paths, their inputs end them). LUT1 to LUT6 count
 * one level each; carry chains ({@code CARRY4}), wide multiplexers ({@code MUXF7}, {@code MUXF8}),
 * inverters and I/O and clock buffers count none but pass the path on. A cell type without port
 * directions in the netlist is treated as a boundary on all its pins.
 */
public final class LogicDepth {
  /** Combinational cells that pass a path on without adding a level. */
  static final Set<String> PASS_THROUGH =
      Set.of(
          "CARRY4", "CARRY8", "MUXF7", "MUXF8", "MUXF9", "INV", "BUF", "IBUF", "IBUFG", "OBUF",
          "OBUFT", "BUFG", "BUFH");

  private LogicDepth() {}

  /** Levels a combinational cell type adds, or -1 for a boundary (sequential or unknown) cell. */
  static int levels(String type) {
    if (type.matches("LUT[1-6]")) {
      return 1;
    }
    return PASS_THROUGH.contains(type) ? 0 : -1;
  }

  /** One combinational cell: its name, levels, and the nets on its input and output pins. */
  private record Comb(String name, int levels, List<Object> inputs, List<Object> outputs) {}

  /**
   * The logic depth of module {@code top} of a parsed {@code write_json} netlist.
   *
   * @throws IllegalArgumentException when the netlist has no such module, is malformed, or holds a
   *     combinational loop (naming a cell on it)
   */
  public static int of(Map<String, Object> netlist, String top) {
    return criticalPath(netlist, top).depth();
  }

  /**
   * The deepest path of a netlist.
   *
   * @param depth LUT levels on it (as {@link #of})
   * @param nets the named nets along it, from the boundary it starts at to the one it ends at, each
   *     as {@code name[bit] @levels} (the LUT levels from the start to that net), then what the
   *     path enters ({@code into FDRE driving name[bit] @levels}, or an output port); Yosys's own
   *     internal nets are left out
   */
  public record CriticalPath(int depth, List<String> nets) {
    /** Copies the list. */
    public CriticalPath {
      nets = List.copyOf(nets);
    }
  }

  /**
   * The logic depth of module {@code top} of a parsed {@code write_json} netlist, with the nets of
   * one deepest path.
   *
   * @throws IllegalArgumentException when the netlist has no such module, is malformed, or holds a
   *     combinational loop (naming a cell on it)
   */
  public static CriticalPath criticalPath(Map<String, Object> netlist, String top) {
    Map<String, Object> module = object(object(netlist, "modules"), top);
    List<Object> endpoints = new ArrayList<>();
    Map<Object, String> ends = new HashMap<>(); // endpoint bit -> what it enters, when named
    for (Map.Entry<String, Object> p : object(module, "ports").entrySet()) {
      Map<String, Object> port = asObject(p.getValue(), "port " + p.getKey());
      String dir = string(port, "direction");
      if (!dir.equals("input")) {
        List<Object> bits = list(port, "bits");
        endpoints.addAll(bits);
        for (int i = 0; i < bits.size(); i++) {
          ends.putIfAbsent(bits.get(i), "output port " + bitName(p.getKey(), i, bits.size()));
        }
      }
    }
    Map<Object, String> names = netNames(module);
    List<Comb> combs = new ArrayList<>();
    Map<String, Object> cells = module.containsKey("cells") ? object(module, "cells") : Map.of();
    for (Map.Entry<String, Object> c : cells.entrySet()) {
      Map<String, Object> cell = asObject(c.getValue(), "cell " + c.getKey());
      Map<String, Object> conns = object(cell, "connections");
      Object dirsValue = cell.get("port_directions");
      int levels = dirsValue == null ? -1 : levels(string(cell, "type"));
      Map<String, Object> dirs =
          dirsValue == null ? Map.of() : asObject(dirsValue, "port_directions of " + c.getKey());
      List<Object> in = new ArrayList<>();
      List<Object> out = new ArrayList<>();
      for (Map.Entry<String, Object> pin : conns.entrySet()) {
        List<Object> bits = asList(pin.getValue(), "pin " + pin.getKey() + " of " + c.getKey());
        Object d = dirs.get(pin.getKey());
        if (d == null || !d.equals("output")) {
          in.addAll(bits);
        }
        if (d != null && !d.equals("input")) {
          out.addAll(bits);
        }
      }
      if (levels < 0) {
        endpoints.addAll(in);
        String drives =
            out.stream().map(names::get).filter(n -> n != null).findFirst().orElse(null);
        if (drives != null) {
          for (Object b : in) {
            ends.putIfAbsent(b, string(cell, "type") + " driving " + drives);
          }
        }
      } else {
        combs.add(new Comb(c.getKey(), levels, in, out));
      }
    }
    return longest(combs, endpoints, names, ends);
  }

  private static String bitName(String name, int bit, int width) {
    return width == 1 ? name : name + "[" + bit + "]";
  }

  /** A readable name for each net bit: the netlist's visible names first, {@code name[bit]}. */
  private static Map<Object, String> netNames(Map<String, Object> module) {
    Map<Object, String> names = new HashMap<>();
    if (!module.containsKey("netnames")) {
      return names;
    }
    for (Map.Entry<String, Object> n : object(module, "netnames").entrySet()) {
      Map<String, Object> net = asObject(n.getValue(), "netname " + n.getKey());
      Object hide = net.get("hide_name");
      if (n.getKey().startsWith("$") || (hide instanceof Number h && h.intValue() != 0)) {
        continue;
      }
      List<Object> bits = list(net, "bits");
      for (int i = 0; i < bits.size(); i++) {
        String name = bitName(n.getKey(), i, bits.size());
        names.merge(bits.get(i), name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return names;
  }

  private static CriticalPath longest(
      List<Comb> combs,
      List<Object> endpoints,
      Map<Object, String> names,
      Map<Object, String> ends) {
    Map<Object, List<Integer>> drivers = new HashMap<>();
    for (int i = 0; i < combs.size(); i++) {
      for (Object b : combs.get(i).outputs()) {
        if (isNet(b)) {
          drivers.computeIfAbsent(b, k -> new ArrayList<>()).add(i);
        }
      }
    }
    // Kahn's order over the cells: a cell is ready when every cell driving one of its inputs is
    // done.
    int[] waiting = new int[combs.size()];
    List<List<Integer>> readers = new ArrayList<>();
    for (int i = 0; i < combs.size(); i++) {
      readers.add(new ArrayList<>());
    }
    for (int i = 0; i < combs.size(); i++) {
      for (Object b : combs.get(i).inputs()) {
        for (int d : drivers.getOrDefault(b, List.of())) {
          readers.get(d).add(i);
          waiting[i]++;
        }
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < combs.size(); i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    int[] depth = new int[combs.size()];
    Object[] deepestInput = new Object[combs.size()];
    int done = 0;
    while (!ready.isEmpty()) {
      int i = ready.poll();
      done++;
      int in = 0;
      for (Object b : combs.get(i).inputs()) {
        int d = netDepth(b, drivers, depth);
        if (d > in || deepestInput[i] == null) {
          in = Math.max(in, d);
          deepestInput[i] = b;
        }
      }
      depth[i] = in + combs.get(i).levels();
      for (int r : readers.get(i)) {
        if (--waiting[r] == 0) {
          ready.add(r);
        }
      }
    }
    if (done < combs.size()) {
      for (int i = 0; i < combs.size(); i++) {
        if (waiting[i] > 0) {
          throw new IllegalArgumentException(
              "combinational loop through cell " + combs.get(i).name());
        }
      }
    }
    int max = 0;
    Object end = null;
    for (Object b : endpoints) {
      int d = netDepth(b, drivers, depth);
      if (d > max) {
        max = d;
        end = b;
      }
    }
    List<String> nets = new ArrayList<>(trace(end, drivers, depth, deepestInput, names));
    if (end != null && ends.containsKey(end)) {
      nets.add("into " + ends.get(end) + " @" + max);
    }
    return new CriticalPath(max, nets);
  }

  /** The named nets from the start of the deepest path into {@code end} to {@code end}. */
  private static List<String> trace(
      Object end,
      Map<Object, List<Integer>> drivers,
      int[] depth,
      Object[] deepestInput,
      Map<Object, String> names) {
    List<String> nets = new ArrayList<>();
    Object bit = end;
    while (bit != null) {
      String name = names.get(bit);
      int d = netDepth(bit, drivers, depth);
      if (name != null && (nets.isEmpty() || !nets.get(nets.size() - 1).startsWith(name + " @"))) {
        nets.add(name + " @" + d);
      }
      Integer driver = null;
      for (int i : drivers.getOrDefault(bit, List.of())) {
        if (driver == null || depth[i] > depth[driver]) {
          driver = i;
        }
      }
      bit = driver == null ? null : deepestInput[driver];
    }
    Collections.reverse(nets);
    return nets;
  }

  private static int netDepth(Object bit, Map<Object, List<Integer>> drivers, int[] depth) {
    int d = 0;
    for (int i : drivers.getOrDefault(bit, List.of())) {
      d = Math.max(d, depth[i]);
    }
    return d;
  }

  /** A net number; constants ("0", "1", "x", "z") are strings and never carry a path. */
  private static boolean isNet(Object bit) {
    return bit instanceof Number;
  }

  private static Map<String, Object> object(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v == null) {
      throw new IllegalArgumentException("netlist has no \"" + key + "\"");
    }
    return asObject(v, "\"" + key + "\"");
  }

  @SuppressWarnings("unchecked") // JSON objects parse to maps with string keys
  private static Map<String, Object> asObject(Object v, String what) {
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("netlist: " + what + " is not an object");
    }
    return (Map<String, Object>) v;
  }

  private static List<Object> list(Map<String, Object> parent, String key) {
    return asList(parent.get(key), "\"" + key + "\"");
  }

  @SuppressWarnings("unchecked") // JSON arrays parse to lists
  private static List<Object> asList(Object v, String what) {
    if (!(v instanceof List<?>)) {
      throw new IllegalArgumentException("netlist: " + what + " is not an array");
    }
    return (List<Object>) v;
  }

  private static String string(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("netlist: \"" + key + "\" is not a string");
    }
    return s;
  }
}
