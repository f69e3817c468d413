package org.spikescr.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled utterance of a dataset: either spike events (spike datasets) or frames (mel
 * datasets, shape (T, channels), dB), never both.
 *
 * @param label class id, 0 or more
 * @param speaker speaker id, or -1 when unknown
 * @param source where the sample came from (a file name), or empty (null is taken as empty)
 * @param events the spikes, for spike datasets; null for mel datasets
 * @param frames the frames (T, channels), for mel datasets; null for spike datasets
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record Sample(int label, int speaker, String source, SpikeEvents events, float[][] frames) {
  /** Checks that exactly one of events and frames is given and copies the frames. */
  public Sample {
    source = source == null ? "" : source;
    if (label < 0) {
      throw new IllegalArgumentException("label must be 0 or more, got " + label);
    }
    if ((events == null) == (frames == null)) {
      throw new IllegalArgumentException("exactly one of events and frames must be non-null");
    }
    if (frames != null) {
      frames = deepCopy(frames);
      for (int t = 1; t < frames.length; t++) {
        if (frames[t].length != frames[0].length) {
          throw new IllegalArgumentException(
              "frame " + t + " has " + frames[t].length + " values, frame 0 " + frames[0].length);
        }
      }
    }
  }

  /** A spike sample. */
  public static Sample ofSpikes(int label, int speaker, String source, SpikeEvents events) {
    return new Sample(label, speaker, source, Objects.requireNonNull(events, "events"), null);
  }

  /** A frame (mel) sample. */
  public static Sample ofFrames(int label, int speaker, String source, float[][] frames) {
    return new Sample(label, speaker, source, null, Objects.requireNonNull(frames, "frames"));
  }

  /** A copy of the frames, or null for spike samples. */
  @Override
  public float[][] frames() {
    return frames == null ? null : deepCopy(frames);
  }

  /** True when the sample holds spike events. */
  public boolean isSpikes() {
    return events != null;
  }

  /** The number of stored frames (mel samples), or 0 for spike samples. */
  public int frameCount() {
    return frames == null ? 0 : frames.length;
  }

  /** The number of values per stored frame (mel samples), or 0. */
  public int frameWidth() {
    return frames == null || frames.length == 0 ? 0 : frames[0].length;
  }

  /** The value of frame {@code t}, channel {@code c} (mel samples only). */
  public float frameValue(int t, int c) {
    return frames[t][c];
  }

  private static float[][] deepCopy(float[][] f) {
    float[][] out = new float[f.length][];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s
        && label == s.label
        && speaker == s.speaker
        && source.equals(s.source)
        && Objects.equals(events, s.events)
        && Arrays.deepEquals(frames, s.frames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, speaker, source, events) * 31 + Arrays.deepHashCode(frames);
  }

  @Override
  public String toString() {
    return "Sample[label="
        + label
        + ", speaker="
        + speaker
        + ", source="
        + source
        + ", "
        + (events != null ? events : "frames=" + frames.length)
        + "]";
  }
}
