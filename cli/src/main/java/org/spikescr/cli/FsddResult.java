package org.spikescr.cli;

import java.util.List;

/**
 * The result of {@code fsdd}.
 *
 * @param frontend front-end name
 * @param windowS the window every recording is padded or cut to, in seconds
 * @param speakers speakers found
 * @param classNames class names by label
 * @param seconds wall-clock seconds spent
 * @param audioS seconds of audio
 * @param cpuS CPU seconds spent
 * @param audioSPerCpuS seconds of audio per CPU second
 * @param licence licence and attribution of the derived data
 * @param files one summary per split
 */
record FsddResult(
    String frontend,
    double windowS,
    List<String> speakers,
    List<String> classNames,
    double seconds,
    double audioS,
    double cpuS,
    double audioSPerCpuS,
    String licence,
    List<EncodeResult> files) {

  /** Copies. */
  FsddResult {
    speakers = List.copyOf(speakers);
    classNames = List.copyOf(classNames);
    files = List.copyOf(files);
  }
}
