package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.audio.CochleaFrontEnd;
import org.spikescr.audio.Encoder;
import org.spikescr.audio.FrontEnd;
import org.spikescr.audio.Inputs;
import org.spikescr.audio.MelFrontEnd;
import org.spikescr.data.Dataset;
import org.spikescr.data.SpikeStats;
import org.spikescr.errors.InputException;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikescr encode}: WAV files through a front-end into a dataset file (flat layout). */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Encode WAV files with the cochlear spike front-end or the log-mel front-end into a dataset"
          + " file (docs/dataset-format.md, flat layout).",
      "Labels come from a CSV table (--labels) or the file names (--label-from-name)."
    })
final class EncodeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--frontend",
      required = true,
      paramLabel = "cochlea|mel",
      description = "Front-end: cochlea (700-unit spikes) or mel (140 log-mel bands).")
  String frontend;

  @Option(
      names = "--window-s",
      paramLabel = "S",
      description =
          "Place each recording in a window of S seconds (cochlea: cut beyond it and record"
              + " window_s; mel: clip length, default 1.0).")
  Double windowS;

  @Option(
      names = "--hop",
      paramLabel = "N",
      defaultValue = "80",
      description = "Mel STFT hop in samples at 8 kHz (default ${DEFAULT-VALUE}).")
  int hop;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Recordings encoded in parallel (output is the same; default 1).")
  int threads;

  @Option(names = "--out", required = true, paramLabel = "D.h5", description = "Output file.")
  Path out;

  @ArgGroup(exclusive = true, multiplicity = "1")
  LabelSource labels;

  static final class LabelSource {
    @Option(
        names = "--labels",
        paramLabel = "CSV",
        description = "CSV with columns path|file, label|digit and optionally speaker.")
    Path csv;

    @Option(
        names = "--label-from-name",
        paramLabel = "REGEX",
        description =
            "Regular expression on the file name: group 'label' (or group 1) is the label,"
                + " group 'speaker' the speaker, e.g. '^(?<label>\\d)_(?<speaker>[a-z]+)_'.")
    String regex;
  }

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "WAV files or directories.")
  List<Path> inputs;

  @Override
  public Integer call() {
    FrontEnd fe = frontEnd(frontend, windowS, hop);
    List<Path> files = Inputs.wavFiles(inputs);
    Inputs.Labelled l =
        labels.csv != null
            ? Inputs.fromCsv(files, labels.csv)
            : Inputs.fromName(files, labels.regex);
    double window = fe instanceof CochleaFrontEnd && windowS != null ? windowS : 0;
    PrintWriter err = spec.commandLine().getErr();
    Encoder.Result r =
        Encoder.encode(
            l.items(), fe, window, l.classNames(), threads, new ProgressBar(err, "encode"));
    DatasetFile.write(r.dataset(), out, fe.describe());
    Map<String, Object> summary = summary(r, out, fe);
    PrintWriter o = spec.commandLine().getOut();
    if (common.json) {
      o.println(Json.pretty(summary));
    } else {
      for (Map.Entry<String, Object> e : summary.entrySet()) {
        o.printf("%-28s %s%n", e.getKey(), e.getValue());
      }
    }
    return ExitCodes.OK;
  }

  /** The front-end named on the command line. */
  static FrontEnd frontEnd(String name, Double windowS, int hop) {
    if (windowS != null && !(windowS > 0)) {
      throw new InputException("--window-s", "", "expected a positive number, got " + windowS);
    }
    if ("cochlea".equals(name)) {
      return CochleaFrontEnd.standard();
    }
    if ("mel".equals(name)) {
      if (hop < 1) {
        throw new InputException("--hop", "", "expected a positive hop, got " + hop);
      }
      return new MelFrontEnd(hop, windowS == null ? 1.0 : windowS);
    }
    throw new InputException("--frontend", "", "expected cochlea or mel, got '" + name + "'");
  }

  /** The JSON summary of an encoding run. */
  static Map<String, Object> summary(Encoder.Result r, Path out, FrontEnd fe) {
    Dataset d = r.dataset();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", out.toString());
    m.put("frontend", fe.kind().fileName());
    m.put("samples", d.size());
    m.put("classes", d.classes());
    m.put("channels", d.channels());
    m.put("audio_s", r.audioS());
    m.put("seconds", r.wallS());
    m.put("audio_s_per_s", r.audioPerSecond());
    m.put("cpu_s", r.cpuS());
    m.put("audio_s_per_cpu_s", r.audioPerCpuSecond());
    if (d.windowS() > 0) {
      m.put("window_s", d.windowS());
    }
    if (fe instanceof CochleaFrontEnd) {
      SpikeStats s = SpikeStats.of(d, r.audioS());
      m.put("spikes", s.spikes());
      m.put("spikes_per_sample", s.spikesPerSample());
      m.put("spikes_per_s", s.spikesPerSecond());
      m.put("active_units_per_sample", s.activeUnitsPerSample());
      m.put("spikes_per_active_unit_per_s", s.spikesPerActiveUnitPerSecond());
    }
    return m;
  }

  /** A one-line progress bar on stderr, redrawn at most once per percent. */
  static final class ProgressBar implements Encoder.Progress {
    private final PrintWriter err;
    private final String label;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err, String label) {
      this.err = err;
      this.label = label;
    }

    @Override
    public void update(int done, int total) {
      int percent = (int) (100L * done / total);
      if (percent == lastPercent && done != total) {
        return;
      }
      lastPercent = percent;
      int filled = percent * 30 / 100;
      err.printf(
          "\r%s [%s%s] %3d%% %d/%d",
          label, "=".repeat(filled), " ".repeat(30 - filled), percent, done, total);
      if (done == total) {
        err.println();
      }
      err.flush();
    }
  }
}
