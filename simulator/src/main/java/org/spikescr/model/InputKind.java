package org.spikescr.model;

/** What the network's first layer receives. */
public enum InputKind {
  /** Spike counts per frame and channel group (SHD/SSC style, from a cochlear front-end). */
  SPIKES("spikes"),
  /** Log-mel frames in dB (GSC style). */
  MEL("mel");

  private final String fileName;

  InputKind(String fileName) {
    this.fileName = fileName;
  }

  /** The spelling used in model and dataset files. */
  public String fileName() {
    return fileName;
  }

  /** Parses the file spelling; returns null when it is not one of ours. */
  public static InputKind fromFileName(String s) {
    for (InputKind k : values()) {
      if (k.fileName.equals(s)) {
        return k;
      }
    }
    return null;
  }
}
