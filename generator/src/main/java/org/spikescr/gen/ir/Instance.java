package org.spikescr.gen.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a module inside another.
 *
 * @param name instance name ({@code u_<role>})
 * @param module name of the instantiated module
 * @param params integer parameter values, in the order written
 * @param memories parameters bound to memory image paths, in the order written
 * @param connections port name of the instantiated module to the expression it is connected to,
 *     every port listed, in the module's port order
 */
public record Instance(
    String name,
    String module,
    List<Param> params,
    List<MemoryParam> memories,
    Map<String, String> connections) {

  /** Copies the collections, keeping their order. */
  public Instance {
    params = List.copyOf(params);
    memories = List.copyOf(memories);
    connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
  }

  /** The same instance with another name, module name and memory bindings. */
  public Instance relinked(String newName, String newModule, List<MemoryParam> newMemories) {
    return new Instance(newName, newModule, params, newMemories, connections);
  }
}
