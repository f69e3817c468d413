package org.spikescr.gen.pass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.gen.ir.HwModule;
import org.spikescr.gen.ir.Instance;
import org.spikescr.gen.ir.MemoryImage;
import org.spikescr.gen.ir.MemoryParam;
import org.spikescr.gen.ir.ModuleKind;

/**
 * Gives every generated module and memory image a legal name that carries the design prefix ({@code
 * <design>_<name>}), so two designs can be simulated together, makes instance names legal and
 * unique within their module, and relinks every reference. Library module names are kept.
 */
public final class LegalizeNames implements Pass {

  @Override
  public String name() {
    return "legalize-names";
  }

  @Override
  public HwDesign apply(HwDesign design) {
    String prefix = VerilogNames.legal(design.name());
    VerilogNames global = new VerilogNames();
    Map<String, String> moduleNames = new HashMap<>();
    for (HwModule m : design.modules()) {
      if (m.kind() == ModuleKind.LIBRARY) {
        moduleNames.put(m.name(), global.allocate(m.name()));
      }
    }
    for (HwModule m : design.modules()) {
      if (m.kind() == ModuleKind.GENERATED) {
        String raw = m.name().startsWith(prefix + "_") ? m.name() : prefix + "_" + m.name();
        moduleNames.put(m.name(), global.allocate(raw));
      }
    }
    VerilogNames files = new VerilogNames();
    Map<String, String> memoryNames = new HashMap<>();
    List<MemoryImage> memories = new ArrayList<>();
    for (MemoryImage mem : design.memories()) {
      String raw = mem.name().startsWith(prefix + "_") ? mem.name() : prefix + "_" + mem.name();
      String n = files.allocate(raw);
      memoryNames.put(mem.name(), n);
      memories.add(mem.renamed(n));
    }
    List<HwModule> modules = new ArrayList<>();
    for (HwModule m : design.modules()) {
      modules.add(relink(m, moduleNames, memoryNames).renamed(moduleNames.get(m.name())));
    }
    return design.withModules(modules).withMemories(memories);
  }

  private static HwModule relink(
      HwModule m, Map<String, String> moduleNames, Map<String, String> memoryNames) {
    VerilogNames scope = new VerilogNames();
    List<Instance> instances = new ArrayList<>();
    for (Instance i : m.instances()) {
      List<MemoryParam> mems = new ArrayList<>();
      for (MemoryParam p : i.memories()) {
        mems.add(new MemoryParam(p.name(), memoryNames.getOrDefault(p.memory(), p.memory())));
      }
      instances.add(
          i.relinked(
              scope.allocate(i.name()), moduleNames.getOrDefault(i.module(), i.module()), mems));
    }
    return m.withInstances(instances);
  }
}
