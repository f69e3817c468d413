package org.spikescr.cli;

import java.nio.file.Path;
import org.spikescr.audio.CochleaFrontEnd;
import org.spikescr.audio.Encoder;
import org.spikescr.audio.FrontEnd;
import org.spikescr.data.Dataset;
import org.spikescr.data.SpikeStats;

/**
 * The summary of an encoding run ({@code encode}, and per split of {@code fsdd}). Null components
 * are left out of the JSON: {@code window_s} without a fixed window, the spike statistics for mel
 * data, {@code split} outside {@code fsdd}.
 *
 * @param output dataset file written
 * @param frontend front-end name
 * @param samples recordings encoded
 * @param classes classes of the dataset
 * @param channels input channels (units or bands)
 * @param audioS seconds of audio
 * @param seconds wall-clock seconds spent
 * @param audioSPerS seconds of audio per wall-clock second
 * @param cpuS CPU seconds spent
 * @param audioSPerCpuS seconds of audio per CPU second
 * @param windowS fixed window in seconds
 * @param spikes spikes in all
 * @param spikesPerSample mean spikes per recording
 * @param spikesPerS spikes per second of audio
 * @param activeUnitsPerSample mean units with a spike per recording
 * @param spikesPerActiveUnitPerS spikes per second of audio per active unit
 * @param split FSDD split name
 */
record EncodeResult(
    String output,
    String frontend,
    int samples,
    int classes,
    int channels,
    double audioS,
    double seconds,
    double audioSPerS,
    double cpuS,
    double audioSPerCpuS,
    Double windowS,
    Long spikes,
    Double spikesPerSample,
    Double spikesPerS,
    Double activeUnitsPerSample,
    Double spikesPerActiveUnitPerS,
    String split) {

  /** The summary of one encoded file. */
  static EncodeResult of(Encoder.Result r, Path out, FrontEnd fe) {
    Dataset d = r.dataset();
    SpikeStats s = fe instanceof CochleaFrontEnd ? SpikeStats.of(d, r.audioS()) : null;
    return new EncodeResult(
        out.toString(),
        fe.kind().fileName(),
        d.size(),
        d.classes(),
        d.channels(),
        r.audioS(),
        r.wallS(),
        r.audioPerSecond(),
        r.cpuS(),
        r.audioPerCpuSecond(),
        d.windowS() > 0 ? d.windowS() : null,
        s == null ? null : s.spikes(),
        s == null ? null : s.spikesPerSample(),
        s == null ? null : s.spikesPerSecond(),
        s == null ? null : s.activeUnitsPerSample(),
        s == null ? null : s.spikesPerActiveUnitPerSecond(),
        null);
  }

  /** The same summary for one split of {@code fsdd}. */
  EncodeResult withSplit(String name) {
    return new EncodeResult(
        output,
        frontend,
        samples,
        classes,
        channels,
        audioS,
        seconds,
        audioSPerS,
        cpuS,
        audioSPerCpuS,
        windowS,
        spikes,
        spikesPerSample,
        spikesPerS,
        activeUnitsPerSample,
        spikesPerActiveUnitPerS,
        name);
  }
}
