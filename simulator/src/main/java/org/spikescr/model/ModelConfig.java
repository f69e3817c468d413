package org.spikescr.model;

/**
 * Hyper-parameters of one SpikeSCR network (SPIKESCR.md 1.1 and 2).
 *
 * @param dModel model width D (channels of the residual stream)
 * @param heads attention heads H; D must be a multiple of H
 * @param depth number of blocks
 * @param mlpHidden hidden width F of both MLPs
 * @param kernelSize depthwise convolution kernel K (odd)
 * @param classes output classes
 * @param inputKind spike counts or log-mel frames
 * @param inputChannels input features per frame (140 for the authors' configurations)
 * @param frameMs frame length in milliseconds for spike input; 0 for mel input
 * @param hopSamples STFT hop in samples at 8 kHz for mel input; 0 for spike input
 * @param timeSteps time steps T the model was trained for (nominal, per utterance)
 * @param qkLayout axis of the second query/key LIF
 */
public record ModelConfig(
    int dModel,
    int heads,
    int depth,
    int mlpHidden,
    int kernelSize,
    int classes,
    InputKind inputKind,
    int inputChannels,
    double frameMs,
    int hopSamples,
    int timeSteps,
    QkLayout qkLayout) {

  /** Membrane time constant of every LIF (fixed by the architecture). */
  public static final double LIF_TAU = 2.0;

  /** Firing threshold of every LIF (fixed by the architecture). */
  public static final double LIF_THRESHOLD = 1.0;

  /** BatchNorm epsilon. */
  public static final double BN_EPS = 1e-5;

  /** Scale applied to the attention product, 1/sqrt(Dh) with Dh = 16. */
  public static final double ATTENTION_SCALE = 0.25;

  /** Validates every field; the message names the field and what was expected. */
  public ModelConfig {
    positive("d_model", dModel);
    positive("heads", heads);
    positive("depth", depth);
    positive("mlp_hidden", mlpHidden);
    positive("kernel_size", kernelSize);
    positive("classes", classes);
    positive("input_channels", inputChannels);
    positive("time_steps", timeSteps);
    if (dModel % heads != 0) {
      throw new IllegalArgumentException(
          "d_model (" + dModel + ") must be a multiple of heads (" + heads + ")");
    }
    if ((dModel / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          "head width d_model/heads = " + dModel / heads + " must be even for RoPE pairs");
    }
    if (kernelSize % 2 == 0) {
      throw new IllegalArgumentException("kernel_size must be odd, got " + kernelSize);
    }
    if (inputKind == null) {
      throw new IllegalArgumentException("input_kind must be 'spikes' or 'mel'");
    }
    if (qkLayout == null) {
      throw new IllegalArgumentException("qk_layout must be 'official' or 'time'");
    }
    if (inputKind == InputKind.SPIKES && !(frameMs > 0 && Double.isFinite(frameMs))) {
      throw new IllegalArgumentException(
          "frame_ms must be a positive number for spike input, got " + frameMs);
    }
    if (inputKind == InputKind.MEL && hopSamples <= 0) {
      throw new IllegalArgumentException(
          "hop_samples must be positive for mel input, got " + hopSamples);
    }
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }

  /** Channels per head, Dh = D / H. */
  public int headDim() {
    return dModel / heads;
  }

  /** A copy with another q/k layout. */
  public ModelConfig withQkLayout(QkLayout layout) {
    return new ModelConfig(
        dModel,
        heads,
        depth,
        mlpHidden,
        kernelSize,
        classes,
        inputKind,
        inputChannels,
        frameMs,
        hopSamples,
        timeSteps,
        layout);
  }

  /** The SHD student configuration of the authors (SPIKESCR.md 1.12) at 25 ms frames, T = 40. */
  public static ModelConfig shdStudent(QkLayout layout) {
    return new ModelConfig(128, 8, 1, 128, 31, 20, InputKind.SPIKES, 140, 25.0, 0, 40, layout);
  }
}
