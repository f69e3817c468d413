package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.audio.AudioPerturbation;
import org.spikescr.audio.Encoder;
import org.spikescr.audio.FrontEnd;
import org.spikescr.audio.Fsdd;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.StagedFiles;
import org.spikescr.io.hdf5.DatasetFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr fsdd}: builds the train, validation and test datasets of the Free Spoken Digit
 * Dataset with one front-end and a fixed window.
 */
@Command(
    name = "fsdd",
    mixinStandardHelpOptions = true,
    description = {
      "Build the FSDD train, validation and test datasets.",
      "Reads shared/data/fsdd; each recording in a fixed window. --split takes (default): takes 0-4 test, 5-9 val and 10-49 train, every speaker in every split; writes OUT/fsdd-<frontend>-{train,val,test}.h5.",
      "--split loso --test-speaker NAME: one leave-one-speaker-out fold; every recording of NAME is test, takes 0-4 of the other speakers val and their takes 5-49 train; writes OUT/fsdd-<frontend>-loso-<NAME>-{train,val,test}.h5.",
      "--train-speeds 0.9,1,1.1: the train split holds every recording once per speed factor (speed perturbation: played that many times as fast, pitch and formants moved alike); val and test stay as recorded.",
      "All three files or none. Derived data keeps the CC BY-SA 4.0 licence of FSDD."
    })
final class FsddCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(
      names = "--shared",
      defaultValue = "../shared",
      paramLabel = "DIR",
      description = "The shared directory holding data/fsdd (default ${DEFAULT-VALUE}).")
  Path shared;

  @Option(
      names = "--out",
      defaultValue = "build/fsdd",
      paramLabel = "DIR",
      description = "Output directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--frontend",
      defaultValue = "cochlea",
      paramLabel = "cochlea|mel",
      description = "Front-end: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  FrontEndChoice frontend;

  @Option(
      names = "--window-s",
      defaultValue = "1.0",
      paramLabel = "S",
      converter = Converters.WindowSeconds.class,
      description = "Window every recording is padded or cut to (default ${DEFAULT-VALUE} s).")
  double windowS;

  @Option(
      names = "--hop",
      defaultValue = "80",
      paramLabel = "N",
      converter = Converters.Hop.class,
      description = "Mel hop at 8 kHz (default ${DEFAULT-VALUE}).")
  int hop;

  @Option(
      names = "--split",
      defaultValue = "takes",
      paramLabel = "takes|loso",
      description =
          "takes: split by take index; loso: hold out --test-speaker (default ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--test-speaker",
      paramLabel = "NAME",
      description = "With --split loso: the speaker whose recordings are the test split.")
  String testSpeaker;

  @Option(
      names = "--train-speeds",
      defaultValue = "1",
      split = ",",
      paramLabel = "F[,F...]",
      description =
          "Speed factors of the train split, each recording encoded once per factor, in this order"
              + " (0.5 to 2; default ${DEFAULT-VALUE}: as recorded).")
  List<Double> trainSpeeds;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "N",
      converter = Converters.Positive.class,
      description = "Recordings encoded in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() {
    FsddResult result = build();
    PrintWriter o = spec.commandLine().getOut();
    if (common.json) {
      JsonOutput.print(o, result);
    } else {
      for (EncodeResult f : result.files()) {
        o.printf("%-6s %5s samples  %s%n", f.split(), f.samples(), f.output());
      }
      o.printf("%.1f s for %.1f s of audio%n", result.seconds(), result.audioS());
    }
    return ExitCodes.OK;
  }

  /** Encodes every split and writes its dataset file. */
  private FsddResult build() {
    boolean loso = checkSplitOptions();
    checkSpeeds();
    OutputPaths.checkDirectory("--out", out);
    FrontEnd fe = frontend.create(windowS, hop);
    Path fsdd = shared.resolve("data").resolve("fsdd");
    Map<String, List<Encoder.Item>> splits =
        loso ? Fsdd.leaveOneSpeakerOut(fsdd, testSpeaker) : Fsdd.splits(fsdd);
    List<String> speakers = Fsdd.speakers(fsdd);
    String prefix = "fsdd-" + frontend + "-" + (loso ? "loso-" + testSpeaker + "-" : "");
    PrintWriter err = spec.commandLine().getErr();
    List<EncodeResult> files = new ArrayList<>();
    double wall = 0;
    double audio = 0;
    double cpu = 0;
    Map<String, Encoder.Result> encoded = new LinkedHashMap<>();
    for (Map.Entry<String, List<Encoder.Item>> e : splits.entrySet()) {
      List<Double> speeds = TRAIN.equals(e.getKey()) ? trainSpeeds : List.of(1.0);
      Encoder.Result r = null;
      for (double speed : speeds) {
        String label =
            "fsdd "
                + e.getKey()
                + (speeds.size() > 1 ? " x" + AudioPerturbation.speedLabel(speed) : "");
        Encoder.Result one =
            Encoder.encode(
                atSpeed(e.getValue(), speed),
                fe,
                windowS,
                Fsdd.CLASS_NAMES,
                threads,
                new EncodeCommand.ProgressBar(err, label),
                AudioPerturbation.NONE.withSpeed(speed));
        r = r == null ? one : r.followedBy(one);
      }
      encoded.put(e.getKey(), r);
      wall += r.wallS();
      audio += r.audioS();
      cpu += r.cpuS();
    }
    try (StagedFiles staged = new StagedFiles()) {
      for (Map.Entry<String, Encoder.Result> e : encoded.entrySet()) {
        Path file = out.resolve(prefix + e.getKey() + ".h5");
        String speeds =
            TRAIN.equals(e.getKey()) && !trainSpeeds.equals(List.of(1.0))
                ? "; speed perturbation: every recording at x"
                    + String.join(
                        ", x", trainSpeeds.stream().map(AudioPerturbation::speedLabel).toList())
                : "";
        DatasetFile.write(
            e.getValue().dataset(),
            staged.stage(file),
            fe.describe() + speeds + "; data: " + Fsdd.ATTRIBUTION);
        files.add(EncodeResult.of(e.getValue(), file, fe).withSplit(e.getKey()));
      }
      staged.commit();
    }
    return new FsddResult(
        frontend.toString(),
        windowS,
        speakers,
        split,
        List.copyOf(trainSpeeds),
        loso ? speakers.stream().filter(s -> !s.equals(testSpeaker)).toList() : speakers,
        loso ? List.of(testSpeaker) : speakers,
        Fsdd.CLASS_NAMES,
        wall,
        audio,
        cpu,
        cpu > 0 ? audio / cpu : 0,
        Fsdd.ATTRIBUTION,
        files);
  }

  private static final String TRAIN = "train";

  /** The items with the speed in their source names (as recorded: unchanged). */
  private static List<Encoder.Item> atSpeed(List<Encoder.Item> items, double speed) {
    if (speed == 1) {
      return items;
    }
    String suffix = "@x" + AudioPerturbation.speedLabel(speed);
    return items.stream()
        .map(it -> new Encoder.Item(it.file(), it.label(), it.speaker(), it.source() + suffix))
        .toList();
  }

  /** Checks --train-speeds: each within range, none twice. */
  private void checkSpeeds() {
    for (int i = 0; i < trainSpeeds.size(); i++) {
      double s = trainSpeeds.get(i);
      if (!AudioPerturbation.speedAllowed(s)) {
        throw new ParameterException(
            spec.commandLine(),
            "--train-speeds: expected factors from "
                + AudioPerturbation.SPEED_RANGE
                + ", got "
                + s);
      }
      if (trainSpeeds.subList(0, i).contains(s)) {
        throw new ParameterException(
            spec.commandLine(),
            "--train-speeds: factor " + AudioPerturbation.speedLabel(s) + " given twice");
      }
    }
  }

  /** Checks --split and --test-speaker; true for a leave-one-speaker-out fold. */
  private boolean checkSplitOptions() {
    boolean loso;
    if ("takes".equals(split)) {
      loso = false;
    } else if ("loso".equals(split)) {
      loso = true;
    } else {
      throw new ParameterException(
          spec.commandLine(), "--split: expected takes or loso, got '" + split + "'");
    }
    if (loso && testSpeaker == null) {
      throw new ParameterException(spec.commandLine(), "--split loso needs --test-speaker NAME");
    }
    if (!loso && testSpeaker != null) {
      throw new ParameterException(
          spec.commandLine(), "--test-speaker only goes with --split loso");
    }
    if (loso && !testSpeaker.matches("[A-Za-z0-9_-]+")) {
      throw new ParameterException(
          spec.commandLine(),
          "--test-speaker: expected a speaker name of letters, digits, '_' or '-', got '"
              + testSpeaker
              + "'");
    }
    return loso;
  }
}
