package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikescr.audio.AudioPerturbation;
import org.spikescr.audio.CochleaFrontEnd;
import org.spikescr.audio.Encoder;
import org.spikescr.audio.FrontEnd;
import org.spikescr.audio.Inputs;
import org.spikescr.errors.InputException;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
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
      "Encode WAV files into a dataset file (cochlear spikes or log-mel).",
      "The dataset uses the flat layout of docs/dataset-format.md. Labels come from a CSV table (--labels) or the file names (--label-from-name)."
    })
final class EncodeCommand implements Callable<Integer> {
  private static final long MAX_GAIN = Math.round(AudioPerturbation.MAX_GAIN_DB);
  private static final long MAX_SNR = Math.round(AudioPerturbation.MAX_SNR_DB);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--frontend",
      required = true,
      paramLabel = "cochlea|mel",
      description =
          "Front-end: ${COMPLETION-CANDIDATES} (cochlea: 700-unit spikes, mel: 140 log-mel bands).")
  FrontEndChoice frontend;

  @Option(
      names = "--window-s",
      paramLabel = "S",
      converter = Converters.WindowSeconds.class,
      description =
          "Place each recording in a window of S seconds (cochlea: cut beyond it and record"
              + " window_s; mel: clip length, default 1.0).")
  Double windowS;

  @Option(
      names = "--hop",
      paramLabel = "N",
      defaultValue = "80",
      converter = Converters.Hop.class,
      description = "Mel STFT hop in samples at 8 kHz (default ${DEFAULT-VALUE}).")
  int hop;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      converter = Converters.Positive.class,
      description = "Recordings encoded in parallel (output is the same; default 1).")
  int threads;

  @Option(
      names = "--speed",
      paramLabel = "F",
      defaultValue = "1",
      description =
          "Play every recording F times as fast before the front-end (0.5 to 2: it lasts 1/F as"
              + " long, pitch and formants move by F; default ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--gain-db",
      paramLabel = "G",
      defaultValue = "0",
      description =
          "Scale every recording by G dB before the front-end, held within full scale"
              + " (robustness measurements; default ${DEFAULT-VALUE}).")
  double gainDb;

  @Option(
      names = "--noise-snr-db",
      paramLabel = "S",
      description =
          "Add white Gaussian noise at S dB signal-to-noise ratio (after the gain), seeded per"
              + " recording from --noise-seed and its name.")
  Double noiseSnrDb;

  @Option(
      names = "--noise-seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the noise (default ${DEFAULT-VALUE}).")
  long noiseSeed;

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
    List<Path> read = new ArrayList<>(inputs);
    read.add(labels.csv);
    OutputPaths.checkFile("--out", out, read);
    FrontEnd fe = frontend.create(windowS, hop);
    if (!AudioPerturbation.gainAllowed(gainDb)) {
      throw new InputException(
          "--gain-db", "", "expected -" + MAX_GAIN + " to " + MAX_GAIN + " dB, got " + gainDb);
    }
    if (noiseSnrDb != null && !AudioPerturbation.snrAllowed(noiseSnrDb)) {
      throw new InputException(
          "--noise-snr-db",
          "",
          "expected -" + MAX_SNR + " to " + MAX_SNR + " dB, got " + noiseSnrDb);
    }
    if (!AudioPerturbation.speedAllowed(speed)) {
      throw new InputException(
          "--speed", "", "expected " + AudioPerturbation.SPEED_RANGE + ", got " + speed);
    }
    AudioPerturbation change =
        new AudioPerturbation(
            gainDb, noiseSnrDb == null ? Double.NaN : noiseSnrDb, noiseSeed, speed);
    List<Path> files = Inputs.wavFiles(inputs);
    Inputs.Labelled l =
        labels.csv != null
            ? Inputs.fromCsv(files, labels.csv)
            : Inputs.fromName(files, labels.regex);
    double window = fe instanceof CochleaFrontEnd && windowS != null ? windowS : 0;
    PrintWriter err = spec.commandLine().getErr();
    Encoder.Result r =
        Encoder.encode(
            l.items(), fe, window, l.classNames(), threads, new ProgressBar(err, "encode"), change);
    DatasetFile.write(
        r.dataset(),
        out,
        change.isNone() ? fe.describe() : fe.describe() + "; " + change.describe());
    EncodeResult result = EncodeResult.of(r, out, fe);
    PrintWriter o = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(o, result);
    } else {
      printText(o, result);
    }
    return ExitCodes.OK;
  }

  static void printText(PrintWriter o, EncodeResult r) {
    o.printf("%-28s %s%n", "output", r.output());
    o.printf("%-28s %s%n", "frontend", r.frontend());
    o.printf(
        "%-28s %d recordings, %d classes, %d channels%n",
        "samples", r.samples(), r.classes(), r.channels());
    o.printf(
        "%-28s %.2f s of audio in %.2f s (%.1f x real time)%n",
        "speed", r.audioS(), r.seconds(), r.audioSPerS());
    if (r.windowS() != null) {
      o.printf("%-28s %s s%n", "window", r.windowS());
    }
    if (r.spikes() != null) {
      o.printf("%-28s %d (%.1f per recording)%n", "spikes", r.spikes(), r.spikesPerSample());
    }
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
