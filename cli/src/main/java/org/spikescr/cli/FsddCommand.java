package org.spikescr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.audio.Encoder;
import org.spikescr.audio.FrontEnd;
import org.spikescr.audio.Fsdd;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr fsdd}: builds the train, validation and test datasets of the Free Spoken Digit
 * Dataset with one front-end and a fixed window.
 */
@Command(
    name = "fsdd",
    mixinStandardHelpOptions = true,
    description = {
      "Build FSDD datasets (shared/data/fsdd): takes 0-4 test, 5-9 val, 10-49 train;"
          + " each recording in a fixed window.",
      "Writes OUT/fsdd-<frontend>-{train,val,test}.h5. Derived data keeps FSDD's CC BY-SA 4.0"
          + " licence."
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
      description = "Front-end (default ${DEFAULT-VALUE}).")
  String frontend;

  @Option(
      names = "--window-s",
      defaultValue = "1.0",
      paramLabel = "S",
      description = "Window every recording is padded or cut to (default ${DEFAULT-VALUE} s).")
  double windowS;

  @Option(
      names = "--hop",
      defaultValue = "80",
      paramLabel = "N",
      description = "Mel hop at 8 kHz (default ${DEFAULT-VALUE}).")
  int hop;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "N",
      description = "Recordings encoded in parallel (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() {
    FrontEnd fe = EncodeCommand.frontEnd(frontend, windowS, hop);
    Map<String, List<Encoder.Item>> splits = Fsdd.splits(shared.resolve("data").resolve("fsdd"));
    PrintWriter err = spec.commandLine().getErr();
    List<Object> files = new ArrayList<>();
    double wall = 0;
    double audio = 0;
    double cpu = 0;
    for (Map.Entry<String, List<Encoder.Item>> e : splits.entrySet()) {
      Encoder.Result r =
          Encoder.encode(
              e.getValue(),
              fe,
              windowS,
              Fsdd.CLASS_NAMES,
              threads,
              new EncodeCommand.ProgressBar(err, "fsdd " + e.getKey()));
      Path file = out.resolve("fsdd-" + frontend + "-" + e.getKey() + ".h5");
      DatasetFile.write(r.dataset(), file, fe.describe() + "; data: " + Fsdd.ATTRIBUTION);
      Map<String, Object> s = EncodeCommand.summary(r, file, fe);
      s.put("split", e.getKey());
      files.add(s);
      wall += r.wallS();
      audio += r.audioS();
      cpu += r.cpuS();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("frontend", frontend);
    m.put("window_s", windowS);
    m.put("speakers", Fsdd.speakers(shared.resolve("data").resolve("fsdd")));
    m.put("class_names", Fsdd.CLASS_NAMES);
    m.put("seconds", wall);
    m.put("audio_s", audio);
    m.put("cpu_s", cpu);
    m.put("audio_s_per_cpu_s", cpu > 0 ? audio / cpu : 0);
    m.put("licence", Fsdd.ATTRIBUTION);
    m.put("files", files);
    PrintWriter o = spec.commandLine().getOut();
    if (common.json) {
      o.println(Json.pretty(m));
    } else {
      for (Object f : files) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) f;
        o.printf("%-6s %5s samples  %s%n", s.get("split"), s.get("samples"), s.get("output"));
      }
      o.printf("%.1f s for %.1f s of audio%n", wall, audio);
    }
    return ExitCodes.OK;
  }
}
