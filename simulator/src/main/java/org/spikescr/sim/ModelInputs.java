package org.spikescr.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.spikescr.data.Dataset;
import org.spikescr.data.Framing;
import org.spikescr.data.FramingSpec;
import org.spikescr.data.Sample;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;

/**
 * A dataset framed for a model: input frames and labels of the utterances to simulate.
 *
 * @param inputs one {@code [T][inputChannels]} array per utterance
 * @param labels true class per utterance
 * @param framing how spike samples were framed (null for mel data)
 */
@SuppressWarnings("ArrayRecordComponent") // labels copied; all arrays compared by value
public record ModelInputs(List<double[][]> inputs, int[] labels, FramingSpec framing) {

  /** Copies. */
  public ModelInputs {
    inputs = List.copyOf(inputs);
    labels = labels.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelInputs m
        && Arrays.deepEquals(inputs.toArray(), m.inputs.toArray())
        && Arrays.equals(labels, m.labels)
        && Objects.equals(framing, m.framing);
  }

  @Override
  public int hashCode() {
    return (Arrays.deepHashCode(inputs.toArray()) * 31 + Arrays.hashCode(labels)) * 31
        + Objects.hashCode(framing);
  }

  @Override
  public String toString() {
    return "ModelInputs[" + inputs.size() + " utterances, framing=" + framing + "]";
  }

  /**
   * Frames a dataset as the model was trained (its frame length), or at {@code frameMsOverride}
   * when that is positive. A dataset recorded in a fixed window is framed with the fixed-window
   * rule, so every utterance has the same T.
   *
   * @param data the dataset
   * @param source the dataset's file name for error messages
   * @param model the model configuration
   * @param frameMsOverride frame length in ms, or 0 to use the model's
   * @param limit at most this many utterances (0 = all)
   */
  public static ModelInputs prepare(
      Dataset data, String source, ModelConfig model, double frameMsOverride, int limit) {
    if (data.kind() != model.inputKind()) {
      throw new InputException(
          source,
          "@input_kind",
          "the data holds "
              + data.kind().fileName()
              + " but the model expects "
              + model.inputKind().fileName());
    }
    FramingSpec spec = null;
    if (data.kind() == InputKind.SPIKES) {
      double frameMs = frameMsOverride > 0 ? frameMsOverride : model.frameMs();
      try {
        spec =
            data.windowS() > 0
                ? FramingSpec.fixedWindow(frameMs, data.windowS())
                : FramingSpec.shd(frameMs);
        spec.windowFrames();
      } catch (IllegalArgumentException e) {
        throw new InputException(source, "@window_s", e.getMessage(), e);
      }
      if (data.channels() / spec.pool() != model.inputChannels()
          || data.channels() % spec.pool() != 0) {
        throw new InputException(
            source,
            "@channels",
            "the data has "
                + data.channels()
                + " units, which pool by "
                + spec.pool()
                + " to "
                + data.channels() / spec.pool()
                + " features; the model expects "
                + model.inputChannels());
      }
    } else {
      if (frameMsOverride > 0) {
        throw new InputException(
            "--frame-ms", "", "mel data is framed by its STFT hop at encoding time, not here");
      }
      if (data.channels() != model.inputChannels()) {
        throw new InputException(
            source,
            "@channels",
            "the data has "
                + data.channels()
                + " mel bands; the model expects "
                + model.inputChannels());
      }
      if (data.hopSamples() != model.hopSamples()) {
        throw new InputException(
            source,
            "@hop_samples",
            "the data was encoded with hop "
                + data.hopSamples()
                + " but the model was trained with hop "
                + model.hopSamples());
      }
    }
    int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
    List<double[][]> inputs = new ArrayList<>(n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Sample s = data.sample(i);
      if (s.label() < 0 || s.label() >= model.classes()) {
        throw new InputException(
            source,
            "/labels[" + i + "]",
            "label " + s.label() + " is outside the model's classes 0.." + (model.classes() - 1));
      }
      double[][] x;
      try {
        x = Framing.frames(s, spec);
      } catch (IllegalArgumentException e) {
        throw new InputException(source, "sample " + i, e.getMessage(), e);
      }
      if (x.length == 0) {
        throw new InputException(source, "sample " + i, "has no frames");
      }
      inputs.add(x);
      labels[i] = s.label();
    }
    return new ModelInputs(inputs, labels, spec);
  }

  /**
   * Checks that no utterance is longer than a quantized model's T_max, the longest utterance its
   * hardware accepts.
   *
   * @param maxTimeSteps the model's T_max
   * @param modelSource the model file, for the message
   * @param dataSource the dataset file, for the message
   */
  public void checkTimeSteps(int maxTimeSteps, String modelSource, String dataSource) {
    for (int i = 0; i < inputs.size(); i++) {
      int t = inputs.get(i).length;
      if (t > maxTimeSteps) {
        throw new InputException(
            modelSource,
            "@max_time_steps",
            "utterance "
                + i
                + " of "
                + dataSource
                + " has "
                + t
                + " frames, more than the model's T_max of "
                + maxTimeSteps
                + "; quantize again with --max-time-steps "
                + t
                + " or more, or frame the data with a longer --frame-ms");
      }
    }
  }
}
