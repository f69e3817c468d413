package org.spikescr.data;

/**
 * Spike statistics of a spike dataset, for comparing a front-end with SHD.
 *
 * @param samples number of samples
 * @param spikes spikes in all samples
 * @param spikesPerSample mean spikes per sample
 * @param spikesPerSecond spikes per second of audio (all units together)
 * @param activeUnitsPerSample mean number of units with at least one spike in a sample
 * @param spikesPerActiveUnitPerSecond spikes per second of audio per active unit
 */
public record SpikeStats(
    int samples,
    long spikes,
    double spikesPerSample,
    double spikesPerSecond,
    double activeUnitsPerSample,
    double spikesPerActiveUnitPerSecond) {

  /**
   * The statistics of a spike dataset whose samples hold {@code audioS} seconds of audio in all;
   * with {@code audioS = 0} each sample's duration is taken as the time of its last spike.
   */
  public static SpikeStats of(Dataset d, double audioS) {
    long spikes = 0;
    long active = 0;
    double span = 0;
    for (Sample s : d.samples()) {
      SpikeEvents e = s.events();
      spikes += e.count();
      boolean[] seen = new boolean[d.channels()];
      for (int i = 0; i < e.count(); i++) {
        if (!seen[e.unit(i)]) {
          seen[e.unit(i)] = true;
          active++;
        }
      }
      span += e.lastTimeS();
    }
    double seconds = audioS > 0 ? audioS : span;
    int n = d.size();
    double perSecond = seconds > 0 ? spikes / seconds : 0;
    double activePerSample = n > 0 ? (double) active / n : 0;
    return new SpikeStats(
        n,
        spikes,
        n > 0 ? (double) spikes / n : 0,
        perSecond,
        activePerSample,
        activePerSample > 0 ? perSecond / activePerSample : 0);
  }
}
