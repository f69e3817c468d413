package org.spikescr.model;

/**
 * Which axis the second LIF of the query and key paths (after RoPE) runs over.
 *
 * <p>See SPIKESCR.md 1.5.1: the authors' code reinterprets the {@code (H, T, Dh)} RoPE output as a
 * {@code (T, D)} buffer, so at batch size 1 LIF lane {@code (r, d)} walks the positions {@code h*T
 * + t == r (mod H)} in increasing order.
 */
public enum QkLayout {
  /** The authors' raw-reshape lane/step mapping at batch size 1. */
  OFFICIAL("official"),
  /** A LIF over true time per (head, channel), as the paper describes it. */
  TIME("time");

  private final String fileName;

  QkLayout(String fileName) {
    this.fileName = fileName;
  }

  /** The spelling used in model files and on the command line. */
  public String fileName() {
    return fileName;
  }

  /** Parses the file spelling; returns null when it is not one of ours. */
  public static QkLayout fromFileName(String s) {
    for (QkLayout k : values()) {
      if (k.fileName.equals(s)) {
        return k;
      }
    }
    return null;
  }
}
