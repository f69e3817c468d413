package org.spikescr.gen.emit.verilog;

import java.util.ArrayList;
import java.util.List;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.Param;
import org.spikescr.gen.ir.Port;
import org.spikescr.gen.ir.Wire;

/**
 * What {@code verilog/module.v.ftl} prints for one generated module: every line fragment is
 * computed here (declarations, sized widths, bindings), so the template only lays them out.
 *
 * @param name module name
 * @param banner header comment lines, each starting with {@code //}
 * @param params parameter declarations, e.g. {@code parameter integer LANES = 16}, with comments
 * @param ports port declarations, aligned, without the separating commas
 * @param instances the instances
 * @param wires net declarations, e.g. {@code wire [7:0] x_rd_addr;}
 */
public record ModuleView(
    String name,
    List<String> banner,
    List<ParamLine> params,
    List<String> ports,
    List<InstanceView> instances,
    List<String> wires) {

  /** Copies the lists. */
  public ModuleView {
    banner = List.copyOf(banner);
    params = List.copyOf(params);
    ports = List.copyOf(ports);
    instances = List.copyOf(instances);
    wires = List.copyOf(wires);
  }

  /**
   * One parameter declaration and its comment.
   *
   * @param declaration e.g. {@code parameter integer LANES = 16}
   * @param comment one line
   */
  public record ParamLine(String declaration, String comment) {}

  /**
   * One instance.
   *
   * @param module the instantiated module
   * @param name the instance name
   * @param params bindings such as {@code .LANES(16)}, without commas
   * @param connections bindings such as {@code .clk(clk)}, aligned, without commas
   */
  public record InstanceView(
      String module, String name, List<String> params, List<String> connections) {

    /** Copies the lists. */
    public InstanceView {
      params = List.copyOf(params);
      connections = List.copyOf(connections);
    }
  }

  /** The view of {@code m} with the given banner lines. */
  public static ModuleView of(HwModule m, List<String> banner) {
    List<ParamLine> params = new ArrayList<>();
    for (Param p : m.params()) {
      params.add(new ParamLine("parameter integer " + p.name() + " = " + p.value(), p.comment()));
    }
    List<InstanceView> instances = new ArrayList<>();
    for (Instance i : m.instances()) {
      instances.add(instance(i));
    }
    List<String> wires = new ArrayList<>();
    for (Wire w : m.wires()) {
      wires.add(
          "wire "
              + (w.width() == 1 ? "" : "[" + (w.width() - 1) + ":0] ")
              + w.name()
              + (w.driver().isEmpty() ? "" : " = " + w.driver())
              + ";");
    }
    return new ModuleView(m.name(), banner, params, portLines(m.allPorts()), instances, wires);
  }

  /** Aligned ANSI port declarations: direction, {@code wire}, optional sign and range, name. */
  static List<String> portLines(List<Port> ports) {
    List<String> heads = new ArrayList<>();
    int width = 0;
    for (Port p : ports) {
      String head =
          String.format("%-6s wire %s%s", p.direction().keyword(), sign(p), range(p)).strip();
      heads.add(head);
      width = Math.max(width, head.length());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      out.add(String.format("%-" + width + "s %s", heads.get(i), ports.get(i).name()).strip());
    }
    return out;
  }

  private static String sign(Port p) {
    return p.signed() ? "signed " : "";
  }

  /** The range of a port, {@code [W-1:0]}, or nothing for one bit. */
  static String range(Port p) {
    return p.width() == 1 ? "" : "[" + (p.width() - 1) + ":0]";
  }

  private static InstanceView instance(Instance i) {
    List<String> params = new ArrayList<>();
    for (Param p : i.params()) {
      params.add("." + p.name() + "(" + p.value() + ")");
    }
    for (MemoryParam p : i.memories()) {
      params.add("." + p.name() + "(\"" + MemoryFiles.path(p.memory()) + "\")");
    }
    int width = 0;
    for (String port : i.connections().keySet()) {
      width = Math.max(width, port.length());
    }
    List<String> connections = new ArrayList<>();
    for (var c : i.connections().entrySet()) {
      connections.add(String.format("." + "%-" + width + "s (%s)", c.getKey(), c.getValue()));
    }
    return new InstanceView(i.module(), i.name(), params, connections);
  }
}
