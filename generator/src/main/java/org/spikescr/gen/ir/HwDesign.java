package org.spikescr.gen.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole generated design: its modules (library and generated), memory images and the numbers it
 * was generated from.
 *
 * @param name design name, the prefix of every generated module and memory file
 * @param modules every module the design uses, library modules first, in a stable order
 * @param memories memory images
 * @param attributes the parameters the design was generated with and the model's identity (for the
 *     manifest and the file banners), in a stable order
 */
public record HwDesign(
    String name,
    List<HwModule> modules,
    List<MemoryImage> memories,
    Map<String, String> attributes) {

  /** Copies the collections. */
  public HwDesign {
    modules = List.copyOf(modules);
    memories = List.copyOf(memories);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The module called {@code moduleName}. */
  public Optional<HwModule> module(String moduleName) {
    return modules.stream().filter(m -> m.name().equals(moduleName)).findFirst();
  }

  /** The same design with other modules. */
  public HwDesign withModules(List<HwModule> newModules) {
    return new HwDesign(name, newModules, memories, attributes);
  }

  /** The same design with other memories. */
  public HwDesign withMemories(List<MemoryImage> newMemories) {
    return new HwDesign(name, modules, newMemories, attributes);
  }

  /** The generated modules only. */
  public List<HwModule> generated() {
    List<HwModule> out = new ArrayList<>();
    for (HwModule m : modules) {
      if (m.kind() == ModuleKind.GENERATED) {
        out.add(m);
      }
    }
    return out;
  }
}
