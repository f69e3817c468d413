package org.spikescr.gen.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A hardware module: its interface (parameters, plain ports, streams) and, for a generated module,
 * its instances.
 *
 * @param name Verilog module name (a generated module carries the design prefix)
 * @param kind library (hand-written) or generated
 * @param purpose one sentence for the header comment
 * @param params parameters with their values
 * @param ports plain ports after {@code clk} and {@code rst}
 * @param streams valid/ready streams
 * @param instances submodule instances (empty for a library module)
 * @param wires nets declared inside a generated module, in the order printed
 * @param reset whether the module has the {@code rst} input after {@code clk} (every unit but the
 *     memories, which hold data only)
 */
public record HwModule(
    String name,
    ModuleKind kind,
    String purpose,
    List<Param> params,
    List<Port> ports,
    List<StreamPort> streams,
    List<Instance> instances,
    List<Wire> wires,
    boolean reset) {

  /** Copies the lists. */
  public HwModule {
    params = List.copyOf(params);
    ports = List.copyOf(ports);
    streams = List.copyOf(streams);
    instances = List.copyOf(instances);
    wires = List.copyOf(wires);
  }

  /** A module without internal nets. */
  public HwModule(
      String name,
      ModuleKind kind,
      String purpose,
      List<Param> params,
      List<Port> ports,
      List<StreamPort> streams,
      List<Instance> instances) {
    this(name, kind, purpose, params, ports, streams, instances, List.of(), true);
  }

  /** Every port in order: {@code clk}, {@code rst}, the plain ports, then each stream's signals. */
  public List<Port> allPorts() {
    List<Port> all = new ArrayList<>();
    all.add(Port.in("clk", 1));
    if (reset) {
      all.add(Port.in("rst", 1));
    }
    all.addAll(ports);
    for (StreamPort s : streams) {
      all.addAll(s.ports());
    }
    return all;
  }

  /** The same module with another name. */
  public HwModule renamed(String newName) {
    return new HwModule(newName, kind, purpose, params, ports, streams, instances, wires, reset);
  }

  /** The same module with other instances. */
  public HwModule withInstances(List<Instance> newInstances) {
    return new HwModule(name, kind, purpose, params, ports, streams, newInstances, wires, reset);
  }
}
