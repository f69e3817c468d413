package org.spikescr.cli;

import java.io.PrintWriter;

/**
 * A writer that knows whether the last character it wrote ended a line, so an error message printed
 * after a progress bar ({@code \r[===> ] ...}) starts on a line of its own.
 */
final class LineTrackingWriter extends PrintWriter {
  private volatile boolean atLineStart = true;

  LineTrackingWriter(PrintWriter out) {
    super(out, true);
  }

  /** Ends the current line when something has been written on it. */
  void startLine() {
    if (!atLineStart) {
      println();
    }
  }

  @Override
  public void write(int c) {
    super.write(c);
    atLineStart = c == '\n';
  }

  @Override
  public void write(char[] buf, int off, int len) {
    super.write(buf, off, len);
    if (len > 0) {
      atLineStart = buf[off + len - 1] == '\n';
    }
  }

  @Override
  public void write(String s, int off, int len) {
    super.write(s, off, len);
    if (len > 0) {
      atLineStart = s.charAt(off + len - 1) == '\n';
    }
  }
}
