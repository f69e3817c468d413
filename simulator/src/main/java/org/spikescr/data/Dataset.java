package org.spikescr.data;

import java.util.List;
import java.util.Objects;
import org.spikescr.model.InputKind;

/**
 * A labelled dataset held in memory: spike samples (SHD layout, {@code channels} units) or mel
 * samples ({@code channels} bands per frame).
 *
 * @param kind spikes or mel; every sample matches it
 * @param channels spike units (700) or mel bands (140)
 * @param samples the samples, in file order
 * @param classNames class names, index = class id; empty when the file has none
 * @param windowS every sample lies in a window of this many seconds from its start, or 0 if none
 * @param hopSamples STFT hop in samples at 8 kHz for mel datasets, else 0
 */
public record Dataset(
    InputKind kind,
    int channels,
    List<Sample> samples,
    List<String> classNames,
    double windowS,
    int hopSamples) {
  /** Copies the lists and checks every sample against the kind and channel count. */
  public Dataset {
    Objects.requireNonNull(kind, "kind");
    samples = List.copyOf(samples);
    classNames = List.copyOf(classNames);
    if (channels <= 0) {
      throw new IllegalArgumentException("channels must be positive, got " + channels);
    }
    if (!(windowS >= 0) || !Double.isFinite(windowS)) {
      throw new IllegalArgumentException("windowS must be 0 or a positive number, got " + windowS);
    }
    if (kind == InputKind.MEL ? hopSamples <= 0 : hopSamples != 0) {
      throw new IllegalArgumentException(
          "hopSamples must be positive for mel and 0 for spike datasets, got " + hopSamples);
    }
    for (int i = 0; i < samples.size(); i++) {
      checkSample(kind, channels, i, samples.get(i), classNames.size());
    }
  }

  private static void checkSample(InputKind kind, int channels, int i, Sample s, int names) {
    if (names > 0 && s.label() >= names) {
      throw new IllegalArgumentException(
          "sample " + i + ": label " + s.label() + " has no class name (" + names + " names)");
    }
    if (kind == InputKind.SPIKES) {
      if (!s.isSpikes()) {
        throw new IllegalArgumentException("sample " + i + " holds frames in a spike dataset");
      }
      SpikeEvents e = s.events();
      for (int k = 0; k < e.count(); k++) {
        if (e.unit(k) < 0 || e.unit(k) >= channels) {
          throw new IllegalArgumentException(
              "sample " + i + " spike " + k + ": unit " + e.unit(k) + " outside 0.." + channels);
        }
      }
    } else {
      if (s.isSpikes()) {
        throw new IllegalArgumentException("sample " + i + " holds spikes in a mel dataset");
      }
      if (s.frameCount() > 0 && s.frameWidth() != channels) {
        throw new IllegalArgumentException(
            "sample " + i + ": frames have " + s.frameWidth() + " values, not " + channels);
      }
    }
  }

  /** The number of samples. */
  public int size() {
    return samples.size();
  }

  /** The number of classes: the class names, or the largest label + 1 when names are absent. */
  public int classes() {
    if (!classNames.isEmpty()) {
      return classNames.size();
    }
    int max = -1;
    for (Sample s : samples) {
      max = Math.max(max, s.label());
    }
    return max + 1;
  }

  /** Sample {@code i}. */
  public Sample sample(int i) {
    return samples.get(i);
  }
}
