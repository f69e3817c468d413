package org.spikescr.gen.pass;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.Param;
import org.spikescr.gen.ir.Port;

/**
 * Checks a design before it is printed: unique legal module, port and memory names; every instance
 * names an existing module, binds only parameters that module declares, connects every one of its
 * ports exactly once and nothing else, and refers only to existing memory images.
 */
public final class ValidateDesign implements Check {

  @Override
  public String name() {
    return "validate-design";
  }

  @Override
  public List<Diagnostic> check(HwDesign design) {
    List<Diagnostic> out = new ArrayList<>();
    Set<String> modules = new HashSet<>();
    for (HwModule m : design.modules()) {
      legal(m.name(), "module " + m.name(), out);
      if (!modules.add(m.name())) {
        out.add(new Diagnostic("module " + m.name(), "defined twice"));
      }
      Set<String> ports = new HashSet<>();
      for (Port p : m.allPorts()) {
        legal(p.name(), "port " + m.name() + "." + p.name(), out);
        if (!ports.add(p.name())) {
          out.add(new Diagnostic("port " + m.name() + "." + p.name(), "declared twice"));
        }
      }
    }
    Set<String> memories = new HashSet<>();
    for (MemoryImage mem : design.memories()) {
      legal(mem.name(), "memory " + mem.name(), out);
      if (!memories.add(mem.name())) {
        out.add(new Diagnostic("memory " + mem.name(), "defined twice"));
      }
    }
    for (HwModule m : design.modules()) {
      Set<String> names = new HashSet<>();
      for (Instance i : m.instances()) {
        String where = "instance " + m.name() + "." + i.name();
        legal(i.name(), where, out);
        if (!names.add(i.name())) {
          out.add(new Diagnostic(where, "name used twice in module " + m.name()));
        }
        instance(design, i, where, memories, out);
      }
    }
    return out;
  }

  private static void instance(
      HwDesign design, Instance i, String where, Set<String> memories, List<Diagnostic> out) {
    Optional<HwModule> target = design.module(i.module());
    if (target.isEmpty()) {
      out.add(new Diagnostic(where, "instantiates unknown module " + i.module()));
      return;
    }
    HwModule t = target.get();
    Set<String> declared = new HashSet<>();
    for (Param p : t.params()) {
      declared.add(p.name());
    }
    for (Param p : i.params()) {
      if (!declared.contains(p.name())) {
        out.add(
            new Diagnostic(where, "binds parameter " + p.name() + " that " + t.name() + " lacks"));
      }
    }
    for (MemoryParam p : i.memories()) {
      if (!memories.contains(p.memory())) {
        out.add(new Diagnostic(where, p.name() + " refers to unknown memory " + p.memory()));
      }
    }
    Set<String> ports = new HashSet<>();
    for (Port p : t.allPorts()) {
      ports.add(p.name());
      if (!i.connections().containsKey(p.name())) {
        out.add(
            new Diagnostic(where, "port " + p.name() + " of " + t.name() + " is not connected"));
      }
    }
    for (String c : i.connections().keySet()) {
      if (!ports.contains(c)) {
        out.add(new Diagnostic(where, "connects " + c + ", which " + t.name() + " does not have"));
      }
    }
  }

  private static void legal(String name, String where, List<Diagnostic> out) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || VerilogNames.isKeyword(name)) {
      out.add(new Diagnostic(where, "not a legal Verilog identifier: " + name));
    }
  }
}
