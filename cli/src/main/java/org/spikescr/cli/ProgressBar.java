package org.spikescr.cli;

import java.io.PrintWriter;

/**
 * A progress bar on the error stream: {@code [=====> ] 12/16 what}, redrawn at most every 200 ms
 * and finished with a newline. Silent when disabled.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final int total;
  private final String what;
  private final boolean enabled;
  private long lastDraw;
  private int done;
  private boolean drawn;

  ProgressBar(PrintWriter err, int total, String what, boolean enabled) {
    this.err = err;
    this.total = total;
    this.what = what;
    this.enabled = enabled && total > 0;
  }

  /** Reports that {@code done} of the total units are finished. */
  void update(int done) {
    this.done = done;
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && done < total && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int filled = (int) ((long) WIDTH * done / total);
    StringBuilder b = new StringBuilder("\r[");
    for (int i = 0; i < WIDTH; i++) {
      b.append(i < filled ? '=' : (i == filled ? '>' : ' '));
    }
    b.append("] ").append(done).append('/').append(total).append(' ').append(what);
    err.print(b);
    err.flush();
  }

  @Override
  public void close() {
    if (enabled && drawn) {
      if (done < total) {
        update(done);
      }
      err.println();
      err.flush();
    }
  }
}
