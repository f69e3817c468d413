package org.spikescr.gen.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulator or synthesis tool is given: Verilog source files, the top module, values for the
 * top module's parameters (in a stable order), and include directories.
 *
 * @param sources Verilog-2005 files, in the order given to the tool
 * @param top name of the top module
 * @param parameters top-level parameter values, as Verilog integer literals (decimal), kept sorted
 *     by name so that equal builds look equal whatever map they came from
 * @param includeDirs directories searched by {@code `include}
 */
public record RtlBuild(
    List<Path> sources, String top, Map<String, Long> parameters, List<Path> includeDirs) {

  /** Validates and copies. */
  public RtlBuild {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no Verilog sources for top module " + top);
    }
    if (!top.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("illegal top module name: " + top);
    }
    sources = List.copyOf(sources);
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    includeDirs = List.copyOf(includeDirs);
  }

  /** A build of {@code sources} with top module {@code top}, no parameters and no includes. */
  public static RtlBuild of(String top, List<Path> sources) {
    return new RtlBuild(sources, top, Map.of(), List.of());
  }

  /** The same build with one more top-level parameter value. */
  public RtlBuild with(String parameter, long value) {
    Map<String, Long> p = new LinkedHashMap<>(parameters);
    p.put(parameter, value);
    return new RtlBuild(sources, top, p, includeDirs);
  }

  /** The same build with every parameter of {@code values} set (later values win). */
  public RtlBuild with(Map<String, Long> values) {
    Map<String, Long> p = new LinkedHashMap<>(parameters);
    p.putAll(values);
    return new RtlBuild(sources, top, p, includeDirs);
  }

  /** The same build with one more include directory. */
  public RtlBuild include(Path dir) {
    List<Path> d = new ArrayList<>(includeDirs);
    d.add(dir);
    return new RtlBuild(sources, top, parameters, d);
  }

  /** Source paths as absolute strings, for a command line. */
  List<String> sourceArgs() {
    List<String> out = new ArrayList<>();
    for (Path p : sources) {
      out.add(p.toAbsolutePath().toString());
    }
    return out;
  }
}
