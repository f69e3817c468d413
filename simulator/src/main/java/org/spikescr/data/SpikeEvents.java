package org.spikescr.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The spikes of one sample in the SHD layout: spike times in seconds and the unit (channel) of each
 * spike, in the same order.
 *
 * <p>The arrays are copied on the way in and on the way out; use {@link #count()}, {@link
 * #time(int)} and {@link #unit(int)} for cheap element access. The constructor checks only that
 * both arrays have the same length; file readers check order, range and finiteness with messages
 * that name the file.
 *
 * @param timesS spike times in seconds, ascending
 * @param units unit id of each spike (0..channels-1)
 */
@SuppressWarnings("ArrayRecordComponent") // copied and compared by value
public record SpikeEvents(double[] timesS, int[] units) {
  /** Copies the arrays and checks their lengths agree. */
  public SpikeEvents {
    Objects.requireNonNull(timesS, "timesS");
    Objects.requireNonNull(units, "units");
    if (timesS.length != units.length) {
      throw new IllegalArgumentException(
          "timesS has " + timesS.length + " spikes but units has " + units.length);
    }
    timesS = timesS.clone();
    units = units.clone();
  }

  /** A copy of the spike times in seconds. */
  @Override
  public double[] timesS() {
    return timesS.clone();
  }

  /** A copy of the unit ids. */
  @Override
  public int[] units() {
    return units.clone();
  }

  /** The number of spikes. */
  public int count() {
    return timesS.length;
  }

  /** The time of spike {@code i} in seconds. */
  public double time(int i) {
    return timesS[i];
  }

  /** The unit of spike {@code i}. */
  public int unit(int i) {
    return units[i];
  }

  /** The time of the last spike in seconds, or 0 when there are none. */
  public double lastTimeS() {
    return timesS.length == 0 ? 0 : timesS[timesS.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpikeEvents e
        && Arrays.equals(timesS, e.timesS)
        && Arrays.equals(units, e.units);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(timesS) + Arrays.hashCode(units);
  }

  @Override
  public String toString() {
    return "SpikeEvents[count=" + timesS.length + ", lastTimeS=" + lastTimeS() + "]";
  }
}
