package org.spikescr.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;

/**
 * Turns labelled WAV files into a {@link Dataset} with one front-end: spike events from a {@link
 * CochleaFrontEnd} or log-mel frames from a {@link MelFrontEnd}. Samples come out in the order of
 * the items whatever the thread count, so the result is deterministic.
 */
public final class Encoder {
  /**
   * One recording to encode.
   *
   * @param file the WAV file
   * @param label class id
   * @param speaker speaker id, or -1
   * @param source the name stored with the sample (usually the file name)
   */
  public record Item(Path file, int label, int speaker, String source) {}

  /** Receives progress: {@code done} of {@code total} recordings encoded. */
  public interface Progress {
    /** Called after each recording, from the calling thread, in order. */
    void update(int done, int total);
  }

  /**
   * The encoded dataset with timing.
   *
   * @param dataset the samples
   * @param audioS seconds of audio encoded (after cutting to the window)
   * @param wallS seconds of wall-clock time spent
   * @param cpuS seconds of CPU time the encoding threads spent (reading and encoding recordings)
   */
  public record Result(Dataset dataset, double audioS, double wallS, double cpuS) {
    /**
     * This result with {@code next}'s samples after its own (same front-end and window), the audio,
     * wall-clock and CPU seconds added.
     */
    public Result followedBy(Result next) {
      Dataset a = dataset;
      Dataset b = next.dataset();
      if (a.kind() != b.kind()
          || a.channels() != b.channels()
          || a.windowS() != b.windowS()
          || a.hopSamples() != b.hopSamples()
          || !a.classNames().equals(b.classNames())) {
        throw new IllegalArgumentException("results of different front-ends cannot be joined");
      }
      List<Sample> all = new ArrayList<>(a.samples());
      all.addAll(b.samples());
      return new Result(
          new Dataset(a.kind(), a.channels(), all, a.classNames(), a.windowS(), a.hopSamples()),
          audioS + next.audioS(),
          wallS + next.wallS(),
          cpuS + next.cpuS());
    }

    /** Seconds of audio encoded per second of wall-clock time. */
    public double audioPerSecond() {
      return wallS > 0 ? audioS / wallS : 0;
    }

    /** Seconds of audio encoded per second of CPU time of one thread (the single-core speed). */
    public double audioPerCpuSecond() {
      return cpuS > 0 ? audioS / cpuS : 0;
    }
  }

  private Encoder() {}

  /**
   * Encodes the items with a front-end.
   *
   * @param items recordings in output order
   * @param frontEnd the front-end
   * @param windowS cochlea: window each recording is placed in (cut beyond it), 0 for none; mel:
   *     ignored (the clip length is the front-end's)
   * @param classNames class names, or empty
   * @param threads worker threads, 1 or more
   * @param progress progress receiver
   */
  public static Result encode(
      List<Item> items,
      FrontEnd frontEnd,
      double windowS,
      List<String> classNames,
      int threads,
      Progress progress) {
    return encode(items, frontEnd, windowS, classNames, threads, progress, AudioPerturbation.NONE);
  }

  /**
   * Encodes the items with a front-end after changing every recording by {@code change} (gain,
   * noise); otherwise as {@link #encode(List, FrontEnd, double, List, int, Progress)}.
   */
  public static Result encode(
      List<Item> items,
      FrontEnd frontEnd,
      double windowS,
      List<String> classNames,
      int threads,
      Progress progress,
      AudioPerturbation change) {
    if (items.isEmpty()) {
      throw new InputException("inputs", "", "no WAV files to encode");
    }
    long start = System.nanoTime();
    List<Sample> samples = new ArrayList<>(items.size());
    double audio = 0;
    double cpu = 0;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Encoded>> futures = new ArrayList<>();
      for (Item it : items) {
        futures.add(pool.submit(() -> one(it, frontEnd, windowS, change)));
      }
      for (int i = 0; i < futures.size(); i++) {
        Encoded e = get(futures.get(i));
        samples.add(e.sample());
        audio += e.audioS();
        cpu += e.cpuS();
        progress.update(i + 1, items.size());
      }
    } finally {
      pool.shutdownNow();
    }
    Dataset d;
    if (frontEnd instanceof CochleaFrontEnd c) {
      d = new Dataset(InputKind.SPIKES, c.channels(), samples, classNames, windowS, 0);
    } else {
      MelFrontEnd m = (MelFrontEnd) frontEnd;
      d =
          new Dataset(
              InputKind.MEL, MelFrontEnd.BANDS, samples, classNames, m.clipS(), m.hopSamples());
    }
    return new Result(d, audio, (System.nanoTime() - start) / 1e9, cpu);
  }

  private record Encoded(Sample sample, double audioS, double cpuS) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static Encoded one(Item it, FrontEnd frontEnd, double windowS, AudioPerturbation change) {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    Encoded e = encodeOne(it, frontEnd, windowS, change);
    long cpu1 = THREADS.getCurrentThreadCpuTime();
    return new Encoded(e.sample(), e.audioS(), cpu0 >= 0 && cpu1 >= 0 ? (cpu1 - cpu0) / 1e9 : 0);
  }

  private static Encoded encodeOne(
      Item it, FrontEnd frontEnd, double windowS, AudioPerturbation change) {
    Audio a = change.apply(WavReader.read(it.file()), it.source());
    if (frontEnd instanceof CochleaFrontEnd c) {
      SpikeEvents e = c.encode(a, windowS);
      if (e.count() == 0) {
        throw new InputException(
            it.file().toString(), "", "the cochlear front-end produced no spikes (silent audio?)");
      }
      double dur = windowS > 0 ? Math.min(windowS, a.durationS()) : a.durationS();
      return new Encoded(Sample.ofSpikes(it.label(), it.speaker(), it.source(), e), dur, 0);
    }
    MelFrontEnd m = (MelFrontEnd) frontEnd;
    return new Encoded(
        Sample.ofFrames(it.label(), it.speaker(), it.source(), m.frames(a)),
        Math.min(m.clipS(), a.durationS()),
        0);
  }

  private static Encoded get(Future<Encoded> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
