package org.spikescr.gen.ir;

/**
 * A string parameter of an instance bound to the path of one of the design's memory images (read by
 * {@code $readmemh}); the emitter spells the path, relative to the design directory.
 *
 * @param name {@code UPPER_SNAKE} parameter name, e.g. {@code WEIGHT_FILE}
 * @param memory name of the {@link MemoryImage}
 */
public record MemoryParam(String name, String memory) {

  /** Validates the spelling. */
  public MemoryParam {
    if (!name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("parameter names are UPPER_SNAKE, got " + name);
    }
  }
}
