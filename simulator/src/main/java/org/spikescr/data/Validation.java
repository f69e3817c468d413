package org.spikescr.data;

import org.spikescr.errors.InputException;

/** Checks on values read from dataset files; every failure names the file, field and sample. */
public final class Validation {
  private Validation() {}

  /**
   * Checks one sample's spikes: not empty, times finite, non-negative, ascending; units in range.
   */
  public static void checkSpikes(
      String src, String group, int sample, double[] t, int[] u, int channels) {
    if (t.length == 0) {
      throw new InputException(
          src, group + "/times", "sample " + sample + " has no spikes; expected at least one");
    }
    for (int k = 0; k < t.length; k++) {
      if (!Double.isFinite(t[k]) || t[k] < 0) {
        throw new InputException(
            src,
            group + "/times",
            "sample " + sample + " spike " + k + ": time " + t[k] + "; expected finite and >= 0");
      }
      if (k > 0 && t[k] < t[k - 1]) {
        throw new InputException(
            src,
            group + "/times",
            "sample "
                + sample
                + " spike "
                + k
                + ": time "
                + t[k]
                + " is before the previous "
                + t[k - 1]
                + "; expected ascending times");
      }
      if (u[k] < 0 || u[k] >= channels) {
        throw new InputException(
            src,
            group + "/units",
            "sample "
                + sample
                + " spike "
                + k
                + ": unit "
                + u[k]
                + "; expected 0.."
                + (channels - 1));
      }
    }
  }

  /** Checks a label: not negative and, when class names exist, one of them. */
  public static int label(String src, long label, int sample, int names) {
    if (label < 0) {
      throw new InputException(
          src, "/labels", "sample " + sample + ": label " + label + "; expected 0 or more");
    }
    if (names > 0 && label >= names) {
      throw new InputException(
          src,
          "/labels",
          "sample " + sample + ": label " + label + " but /extra/keys names only " + names);
    }
    if (label > Integer.MAX_VALUE) {
      throw new InputException(src, "/labels", "sample " + sample + ": label " + label);
    }
    return (int) label;
  }

  /**
   * Checks per-sample offsets into {@code total} items: N+1 entries, starting at 0, ending at
   * total, strictly ascending (every sample owns at least one item).
   */
  public static void checkOffsets(
      String src, String field, long[] off, int n, long total, String what) {
    if (off.length != n + 1) {
      throw new InputException(
          src, field, "expected " + (n + 1) + " offsets (samples + 1), got " + off.length);
    }
    if (off[0] != 0) {
      throw new InputException(src, field, "expected offsets[0] = 0, got " + off[0]);
    }
    for (int i = 0; i < n; i++) {
      if (off[i + 1] < off[i]) {
        throw new InputException(
            src,
            field,
            "offsets not monotone: offsets["
                + (i + 1)
                + "] = "
                + off[i + 1]
                + " < offsets["
                + i
                + "] = "
                + off[i]);
      }
      if (off[i + 1] == off[i]) {
        throw new InputException(
            src, field, "sample " + i + " has no " + what + "; expected at least one");
      }
    }
    if (off[n] != total) {
      throw new InputException(
          src,
          field,
          "last offset " + off[n] + " does not match the " + total + " " + what + " stored");
    }
  }
}
