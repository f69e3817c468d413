package org.spikescr.audio;

import org.spikescr.model.InputKind;

/** An audio front-end: the cochlear spike model or the log-mel spectrogram. */
public sealed interface FrontEnd permits CochleaFrontEnd, MelFrontEnd {
  /** What the front-end produces: spikes or mel frames. */
  InputKind kind();

  /** Spike units or mel bands per frame. */
  int channels();

  /** A one-line description with every parameter, stored in dataset files. */
  String describe();
}
