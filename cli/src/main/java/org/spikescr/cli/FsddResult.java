package org.spikescr.cli;

import java.util.List;

/**
 * The result of {@code fsdd}.
 *
 * @param frontend front-end name
 * @param windowS the window every recording is padded or cut to, in seconds
 * @param speakers speakers found
 * @param split how the recordings were split: {@code takes} or {@code loso}
 * @param trainSpeeds speed factors of the train split (1: as recorded)
 * @param trainSpeakers speakers whose recordings are in the train and val files
 * @param testSpeakers speakers whose recordings are in the test file
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
    String split,
    List<Double> trainSpeeds,
    List<String> trainSpeakers,
    List<String> testSpeakers,
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
    trainSpeeds = List.copyOf(trainSpeeds);
    trainSpeakers = List.copyOf(trainSpeakers);
    testSpeakers = List.copyOf(testSpeakers);
    classNames = List.copyOf(classNames);
    files = List.copyOf(files);
  }
}
