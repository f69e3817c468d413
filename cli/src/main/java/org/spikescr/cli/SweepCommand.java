package org.spikescr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spikescr.cli.plot.ReportCharts;
import org.spikescr.errors.InputException;
import org.spikescr.eval.FixedEvaluation;
import org.spikescr.gen.lower.LayerPlanner;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.tools.FpgaPart;
import org.spikescr.io.AtomicFiles;
import org.spikescr.io.Directories;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.cycles.Architecture;
import org.spikescr.sim.cycles.CycleModel;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr sweep}: a model's designs over lane counts and weight widths, each point with its
 * latency (cycle model), resources (synthesis) and accuracy (integer simulator), the Pareto front
 * and the fastest point that fits the part.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Sweep a model's designs over lane counts and weight widths.",
      "For every point: quantizes the model at the width, measures the integer model's accuracy"
          + " and the cycle model's cycles on the data, generates the design and synthesizes it"
          + " (as spikescr synth). Writes DIR/sweep.json, DIR/sweep.md (the table and the Pareto"
          + " front), DIR/pareto.png, DIR/models/ and every design with its synth.json under"
          + " DIR/points/. Points run in parallel with --jobs."
    })
final class SweepCommand implements Callable<Integer> {
  static final OutputPaths.DirectoryKind KIND =
      new OutputPaths.DirectoryKind("design-space sweep", "sweep.json", "spikescr-sweep");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin LimitOption limit;

  @Mixin QuietOption quiet;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M.h5",
      description =
          "Float model (quantized at every --weight-bits), or a quantized one (its own width"
              + " only).")
  Path model;

  @Option(
      names = "--lanes",
      required = true,
      split = ",",
      paramLabel = "P",
      converter = Converters.Positive.class,
      description = "Lane counts, e.g. 8,16,32; each must divide every layer's width.")
  List<Integer> lanes;

  @Option(
      names = "--arch",
      paramLabel = "A",
      defaultValue = "pipelined",
      description =
          "Architecture of every point: sequential or pipelined (default ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--weight-bits",
      split = ",",
      paramLabel = "W",
      converter = Converters.WeightBits.class,
      description = "Weight widths (default: 8, or the quantized model's own).")
  List<Integer> widths;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "sweep",
      description =
          "Directory to write (default ${DEFAULT-VALUE}); an existing one is replaced only when"
              + " it holds a sweep.")
  Path out;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      converter = Converters.Positive.class,
      description = "Points synthesized at once (default ${DEFAULT-VALUE}).")
  int jobs;

  @Mixin PartOption part;

  @Mixin ClockOption clock;

  @Option(
      names = "--reuse",
      split = ",",
      paramLabel = "DIR",
      description =
          "Earlier sweeps or design directories whose synth.json is taken for a point whose"
              + " rtl/ and mem/ files are identical (comment lines aside) and whose part is the"
              + " same, instead of synthesizing it again.")
  List<Path> reuse;

  /** Synthesis results found in --reuse, by the design files they were made from. */
  private Map<String, String> reusable = Map.of();

  /** What the simulators measure of one point. */
  private record Measured(double cycles, double accuracy) {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    FpgaPart p = part.resolve();
    OutputPaths.checkReplaceableDirectory("--out", out, KIND, List.of(model, data.data));
    Map<Integer, QuantizedModel> models = models();
    List<Integer> ws = List.copyOf(models.keySet());
    List<Integer> ls = lanes.stream().distinct().toList();
    ModelConfig c = models.values().iterator().next().config();
    for (int l : ls) {
      if (c.dModel() % l != 0 || c.mlpHidden() % l != 0) {
        throw new InputException(
            "--lanes",
            "",
            l
                + " does not divide the model's widths (D = "
                + c.dModel()
                + ", MLP "
                + c.mlpHidden()
                + ")");
      }
    }
    ModelInputs in =
        ModelInputs.prepare(DatasetFile.read(data.data), data.data.toString(), c, 0, limit.limit);
    QuantizedModel any = models.values().iterator().next();
    in.checkTimeSteps(any.settings().maxTimeSteps(), model.toString(), data.data.toString());
    reusable = reusable(p);
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempDirectory(abs.getParent(), AtomicFiles.temporaryPrefix(abs));
    try {
      SweepResult r = run(p, ws, ls, models, in, tmp);
      write(tmp, r, p);
      Directories.replace(abs, tmp);
      PrintWriter o = spec.commandLine().getOut();
      if (common.json) {
        JsonOutput.print(o, r);
      } else {
        o.print(table(r));
        o.println("wrote " + out);
      }
      return ExitCodes.OK;
    } catch (PointFailure e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return ExitCodes.CHECK_FAILED;
    } finally {
      Directories.deleteTreeQuietly(tmp);
    }
  }

  /**
   * The model at every weight width, in order: a float model quantized at each of --weight-bits
   * (default 8), a quantized model at its own width only.
   */
  private Map<Integer, QuantizedModel> models() {
    Map<Integer, QuantizedModel> out = new LinkedHashMap<>();
    if (Models.isQuantized(model)) {
      QuantizedModel q = Models.quantized(model, null);
      int own = q.settings().weightBits();
      if (widths != null && !widths.equals(List.of(own))) {
        throw new InputException(
            "--weight-bits",
            "",
            model + " is quantized at " + own + " bits; sweep widths from its float model");
      }
      out.put(own, q);
    } else {
      for (int w : widths == null ? List.of(8) : widths.stream().distinct().toList()) {
        out.put(w, Models.quantized(model, w));
      }
    }
    return out;
  }

  /** A point whose generation or synthesis failed. */
  private static final class PointFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PointFailure(String message) {
      super(message);
    }
  }

  private SweepResult run(
      FpgaPart p,
      List<Integer> ws,
      List<Integer> ls,
      Map<Integer, QuantizedModel> models,
      ModelInputs in,
      Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("models"));
    Files.createDirectories(dir.resolve("points"));
    Map<Integer, Path> files = new LinkedHashMap<>();
    for (int w : ws) {
      Path f = dir.resolve("models").resolve("w" + w + ".h5");
      QuantizedModelFile.write(models.get(w), f);
      files.put(w, f);
    }
    Architecture a = architecture();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      Map<String, Future<SynthFigures>> synth = new LinkedHashMap<>();
      for (int w : ws) {
        for (int l : ls) {
          String name = name(l, w);
          Path design = dir.resolve("points").resolve(name);
          synth.put(name, pool.submit(() -> designAndSynth(files.get(w), design, l, a, p)));
        }
      }
      Map<Integer, Future<Map<Integer, Measured>>> measured = new LinkedHashMap<>();
      for (int w : ws) {
        measured.put(w, pool.submit(() -> measure(models.get(w), ls, a, in)));
      }
      List<SweepResult.Point> points = new ArrayList<>();
      for (int w : ws) {
        Map<Integer, Measured> byLanes = get(measured.get(w));
        for (int l : ls) {
          String name = name(l, w);
          Measured m = byLanes.get(l);
          SynthFigures s = get(synth.get(name));
          points.add(
              new SweepResult.Point(
                  name,
                  l,
                  w,
                  m.cycles(),
                  m.cycles() / clock.clockMhz,
                  m.accuracy(),
                  s.lut(),
                  s.ff(),
                  s.bram36(),
                  s.dsp(),
                  s.logicDepth(),
                  s.fits(),
                  false));
        }
      }
      List<SweepResult.Point> marked = pareto(points);
      List<String> front =
          marked.stream().filter(SweepResult.Point::pareto).map(SweepResult.Point::name).toList();
      String fastest =
          marked.stream()
              .filter(SweepResult.Point::fits)
              .min(
                  Comparator.comparingDouble(SweepResult.Point::cycles)
                      .thenComparing(
                          Comparator.comparingDouble(SweepResult.Point::accuracy).reversed())
                      .thenComparingLong(SweepResult.Point::lut))
              .map(SweepResult.Point::name)
              .orElse(null);
      return new SweepResult(
          KIND.format(),
          model.toString(),
          data.data.toString(),
          in.inputs().size(),
          p.name(),
          a.key(),
          clock.clockMhz,
          marked,
          front,
          fastest);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The points with {@code pareto} set where no other point dominates. */
  static List<SweepResult.Point> pareto(List<SweepResult.Point> points) {
    return points.stream()
        .map(a -> a.withPareto(points.stream().noneMatch(b -> b.dominates(a))))
        .toList();
  }

  private static <T> T get(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException(c);
    }
  }

  /** The --arch option. */
  private Architecture architecture() {
    try {
      return Architecture.of(arch);
    } catch (IllegalArgumentException e) {
      throw new InputException("--arch", "", e.getMessage(), e);
    }
  }

  static String name(int lanes, int bits) {
    return "p" + lanes + "-w" + bits;
  }

  /**
   * Mean cycles (cycle model) at every lane count and accuracy (integer simulator) of one width
   * over the data: each utterance is simulated once, and its traces give the cycles at every lane
   * count.
   */
  private static Map<Integer, Measured> measure(
      QuantizedModel q, List<Integer> lanes, Architecture a, ModelInputs in) {
    FixedSimulator sim = new FixedSimulator(q);
    // the designs of generate's defaults: the widest engines the layers allow
    List<CycleModel> cycles =
        lanes.stream()
            .map(
                l ->
                    new CycleModel(
                        q,
                        l,
                        a,
                        LayerPlanner.defaultEngineLanes(q, l, a) / l,
                        LayerPlanner.defaultEmbedLanes(q, l, a) / l,
                        a == Architecture.PIPELINED))
            .toList();
    long[] total = new long[lanes.size()];
    long correct = 0;
    int n = in.inputs().size();
    for (int i = 0; i < n; i++) {
      long[][] raw = FixedEvaluation.convert(q, in.inputs().get(i));
      Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
      FixedInference r = sim.run(raw, traces);
      for (int k = 0; k < lanes.size(); k++) {
        total[k] += cycles.get(k).predict(raw, Lowering.IN_LANES, traces).total();
      }
      if (r.prediction() == in.labels()[i]) {
        correct++;
      }
    }
    Map<Integer, Measured> out = new LinkedHashMap<>();
    for (int k = 0; k < lanes.size(); k++) {
      out.put(lanes.get(k), new Measured((double) total[k] / n, (double) correct / n));
    }
    return out;
  }

  /** Generates and synthesizes one point as the commands do; writes its synth.json beside it. */
  private SynthFigures designAndSynth(
      Path qFile, Path design, int lanes, Architecture a, FpgaPart p) throws IOException {
    long t0 = System.nanoTime();
    String[] gen = {
      "generate",
      "--model",
      qFile.toString(),
      "--out",
      design.toString(),
      "--lanes",
      "" + lanes,
      "--arch",
      a.key()
    };
    cliOrFail(design.getFileName().toString(), gen);
    String earlier = reusable.get(fingerprint(design));
    String json =
        earlier != null
            ? earlier
            : cliOrFail(
                design.getFileName().toString(),
                "synth",
                "--design",
                design.toString(),
                "--part",
                p.name(),
                "--json");
    Files.writeString(design.resolve("synth.json"), json, StandardCharsets.UTF_8);
    SynthFigures s = SynthFigures.parse(design.resolve("synth.json").toString(), json);
    if (!quiet.quiet) {
      PrintWriter err = spec.commandLine().getErr();
      synchronized (err) {
        err.printf(
            Locale.ROOT,
            "point %s: %d LUT, fits %s (%.0f s%s)%n",
            design.getFileName(),
            s.lut(),
            s.fits(),
            (System.nanoTime() - t0) / 1e9,
            earlier != null ? ", synthesis reused" : "");
        err.flush();
      }
    }
    return s;
  }

  /**
   * The synth results in the --reuse directories (each a sweep, whose points/ are searched, or a
   * design directory) for part {@code p}, keyed by the {@link #fingerprint} of their design.
   */
  private Map<String, String> reusable(FpgaPart p) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    if (reuse == null) {
      return found;
    }
    for (Path r : reuse) {
      if (!Files.isDirectory(r)) {
        throw new InputException("--reuse", "", r + " is not a directory");
      }
      List<Path> dirs = new ArrayList<>(List.of(r));
      Path points = r.resolve("points");
      if (Files.isDirectory(points)) {
        try (var s = Files.list(points)) {
          s.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
      }
      for (Path d : dirs) {
        Path synthFile = d.resolve("synth.json");
        if (!Files.isRegularFile(d.resolve("manifest.json")) || !Files.isRegularFile(synthFile)) {
          continue;
        }
        String text = Files.readString(synthFile, StandardCharsets.UTF_8);
        if (p.name().equals(SynthFigures.parse(synthFile.toString(), text).part())) {
          found.putIfAbsent(fingerprint(d), text);
        }
      }
    }
    return found;
  }

  /**
   * What a synthesis depends on: the SHA-256 of every rtl/ and mem/ file's path and lines, the
   * whole-line {@code //} comments left out (they name the model file and its hash, which change
   * when the same model is written again, and cannot change the netlist).
   */
  static String fingerprint(Path design) throws IOException {
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String sub : List.of("rtl", "mem")) {
      Path d = design.resolve(sub);
      if (!Files.isDirectory(d)) {
        continue;
      }
      List<Path> files;
      try (var s = Files.list(d)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        md.update((sub + "/" + f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.stripLeading().startsWith("//")) {
            md.update((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  private static String cliOrFail(String point, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
    if (code != ExitCodes.OK) {
      throw new PointFailure(
          "point "
              + point
              + ": spikescr "
              + args[0]
              + " failed (exit "
              + code
              + "): "
              + e.toString().strip());
    }
    return o.toString();
  }

  private static void write(Path dir, SweepResult r, FpgaPart p) throws IOException {
    Files.writeString(
        dir.resolve("sweep.json"), JsonCodec.pretty(r) + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("sweep.md"), table(r), StandardCharsets.UTF_8);
    List<ReportCharts.Labelled> pts = new ArrayList<>();
    for (SweepResult.Point pt : r.points()) {
      pts.add(new ReportCharts.Labelled(pt.name(), (double) pt.lut(), pt.latencyUs(), pt.pareto()));
    }
    Files.write(
        dir.resolve("pareto.png"),
        ReportCharts.pareto(
            "Latency against LUTs",
            "LUT",
            "latency (us at " + fmt("%.0f", r.clockMhz()) + " MHz)",
            pts,
            (double) p.lut(),
            p.name()));
  }

  /** The points as a Markdown table, then the front and the fastest fitting point. */
  static String table(SweepResult r) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| point | lanes | weight bits | cycles | latency (us) | accuracy | LUT | FF | BRAM36 | DSP"
            + " | logic depth | fits | Pareto |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SweepResult.Point p : r.points()) {
      b.append(
          fmt(
              "| %s | %d | %d | %.1f | %.2f | %.2f %% | %d | %d | %.1f | %d | %d | %s | %s |%n",
              p.name(),
              p.lanes(),
              p.weightBits(),
              p.cycles(),
              p.latencyUs(),
              100 * p.accuracy(),
              p.lut(),
              p.ff(),
              p.bram36(),
              p.dsp(),
              p.logicDepth(),
              p.fits() ? "yes" : "no",
              p.pareto() ? "yes" : ""));
    }
    b.append("\nPareto front (latency, LUTs, accuracy): ")
        .append(String.join(", ", r.pareto()))
        .append('\n');
    b.append("Fastest point that fits ")
        .append(r.part())
        .append(": ")
        .append(r.fastestFitting() == null ? "none" : r.fastestFitting())
        .append('\n');
    return b.toString();
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
