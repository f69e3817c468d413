package org.spikescr.cli;

import org.spikescr.audio.CochleaFrontEnd;
import org.spikescr.audio.FrontEnd;
import org.spikescr.audio.MelFrontEnd;

/** {@code --frontend}: how audio becomes model input. */
enum FrontEndChoice {
  /** The cochlear spike front-end (700 units). */
  COCHLEA("cochlea"),
  /** The log-mel front-end (140 bands). */
  MEL("mel");

  private final String option;

  FrontEndChoice(String option) {
    this.option = option;
  }

  /**
   * The front-end.
   *
   * @param windowS mel clip length in seconds, or null for 1 s (the cochlea ignores it)
   * @param hop mel STFT hop in samples at 8 kHz
   */
  FrontEnd create(Double windowS, int hop) {
    return this == COCHLEA
        ? CochleaFrontEnd.standard()
        : new MelFrontEnd(hop, windowS == null ? 1.0 : windowS);
  }

  /** The spelling on the command line and in file names. */
  @Override
  public String toString() {
    return option;
  }
}
