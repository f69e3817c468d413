package org.spikescr.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikescr.cli.plot.ReportCharts.RasterLayer;
import org.spikescr.data.Dataset;
import org.spikescr.errors.InputException;
import org.spikescr.eval.FixedEvaluation;
import org.spikescr.gen.lower.Lowering;
import org.spikescr.gen.lower.SharedLayers;
import org.spikescr.io.AtomicFiles;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.sim.EnergyModel;
import org.spikescr.sim.FloatPrecision;
import org.spikescr.sim.Inference;
import org.spikescr.sim.ModelInputs;
import org.spikescr.sim.OpCounts;
import org.spikescr.sim.cycles.CycleModel;
import org.spikescr.sim.cycles.HardwareEnergy;
import org.spikescr.sim.fixedsim.FixedInference;
import org.spikescr.sim.fixedsim.FixedLayerTrace;
import org.spikescr.sim.fixedsim.FixedSimulator;
import org.spikescr.sim.floatsim.FloatSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikescr report}: a design's performance on a dataset as an offline HTML page with
 * embedded plots, and as JSON: cycles per pass and in total from the cycle model, latency at a
 * clock, lane utilization, resources from {@code synth}, firing rates, synaptic operations, two
 * energy estimates, and the teacher against the student.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Report a design's cycles, latency, utilization, resources, activity and energy.",
      "Runs the fixed-point simulator and the cycle model over the data and writes an HTML page"
          + " that works offline, its plots embedded: cycles per pass, a spike raster of one"
          + " utterance through every layer, lane utilization, and the teacher against the"
          + " student. Resources come from the JSON of spikescr synth (--synth, or DIR/synth.json"
          + " when it exists)."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Mixin FrameOption frame;

  @Mixin LimitOption limit;

  @Mixin QuietOption quiet;

  @Option(
      names = "--design",
      required = true,
      paramLabel = "DIR",
      description = "Design directory written by spikescr generate.")
  Path design;

  @Mixin ClockOption clock;

  @Option(
      names = "--out",
      paramLabel = "F.html",
      defaultValue = "report.html",
      description = "HTML page to write (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--synth",
      paramLabel = "F.json",
      description =
          "Output of spikescr synth --json for this design (default: DIR/synth.json if present;"
              + " without it the resources are left out).")
  Path synth;

  @Option(
      names = "--teacher",
      paramLabel = "M.h5",
      description = "Float teacher model to compare the student's design with.")
  Path teacher;

  @Option(
      names = "--raster-index",
      paramLabel = "I",
      defaultValue = "0",
      description = "Utterance drawn in the spike raster (default ${DEFAULT-VALUE}).")
  int rasterIndex;

  @Option(
      names = "--png-dir",
      paramLabel = "DIR",
      description =
          "Also write the plots as PNG files into DIR (cycles.png, utilization.png, raster.png,"
              + " teacher.png).")
  Path pngDir;

  @Override
  public Integer call() {
    List<Path> inputs = new ArrayList<>(List.of(data.data));
    Path synthFile = synth != null ? synth : design.resolve("synth.json");
    boolean withSynth = synth != null || Files.isRegularFile(synthFile);
    if (withSynth) {
      inputs.add(synthFile);
    }
    if (teacher != null) {
      inputs.add(teacher);
    }
    OutputPaths.checkFile("--out", out, inputs);
    if (pngDir != null) {
      OutputPaths.checkDirectory("--png-dir", pngDir);
    }
    DesignDir d = DesignDir.read(design);
    SynthFigures resources = withSynth ? resources(synthFile, d) : null;
    Dataset ds = DatasetFile.read(data.data);
    ModelInputs in =
        ModelInputs.prepare(
            ds, data.data.toString(), d.model().config(), frame.frameMs, limit.limit);
    in.checkTimeSteps(d.options().maxTimeSteps(), design.toString(), data.data.toString());
    int n = in.inputs().size();
    if (rasterIndex < 0 || rasterIndex >= n) {
      throw new InputException(
          "--raster-index", "", "expected 0.." + (n - 1) + " for " + n + " utterances");
    }
    Student s = student(d, in);
    ReportResult.Teacher t = teacher == null ? null : teacher(ds);
    ReportResult r = result(d, s, t, resources);
    Map<String, byte[]> plots = ReportPage.plots(r, s.raster(), s.rasterSteps(), rasterIndex);
    if (pngDir != null) {
      for (Map.Entry<String, byte[]> e : plots.entrySet()) {
        AtomicFiles.write(pngDir.resolve(e.getKey() + ".png"), e.getValue());
      }
    }
    AtomicFiles.write(out, ReportPage.html(r, plots, rasterIndex).getBytes(StandardCharsets.UTF_8));
    if (common.json) {
      JsonOutput.print(spec.commandLine().getOut(), r);
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "%s: %.1f cycles per inference (%.2f us at %.0f MHz), utilization %.1f %%, %.3f uJ;"
                  + " wrote %s%n",
              design,
              r.cycles(),
              r.latencyUs(),
              clock.clockMhz,
              100 * r.utilization(),
              r.energyUj(),
              out);
    }
    return ExitCodes.OK;
  }

  /** The student design's figures, summed over the utterances, and one utterance's raster. */
  @SuppressWarnings("ArrayRecordComponent") // private, read once
  private record Student(
      int samples,
      long steps,
      long correct,
      long load,
      List<String> passNames,
      long[] passCycles,
      long[] passOps,
      long total,
      double accumulates,
      double multiplyAccumulates,
      double attention,
      HardwareEnergy.Estimate energy,
      Map<String, long[]> firing,
      List<RasterLayer> raster,
      int rasterSteps) {}

  private Student student(DesignDir d, ModelInputs in) {
    FixedSimulator sim = new FixedSimulator(d.model());
    CycleModel cycles = d.cycleModel();
    HardwareEnergy energy = new HardwareEnergy(d.model());
    int n = in.inputs().size();
    long correct = 0;
    long steps = 0;
    long load = 0;
    long total = 0;
    List<String> names = null;
    long[] passCycles = null;
    long[] passOps = null;
    double acs = 0;
    double macs = 0;
    double att = 0;
    HardwareEnergy.Estimate hw = HardwareEnergy.Estimate.ZERO;
    Map<String, long[]> firing = new LinkedHashMap<>();
    List<RasterLayer> raster = List.of();
    int rasterSteps = 0;
    try (ProgressBar bar = quiet.bar(spec, n, "design")) {
      for (int i = 0; i < n; i++) {
        long[][] raw = FixedEvaluation.convert(d.model(), in.inputs().get(i));
        Map<String, FixedLayerTrace> traces = new LinkedHashMap<>();
        FixedInference r = sim.run(raw, traces);
        CycleModel.Prediction p = cycles.predict(raw, Lowering.IN_LANES, traces);
        if (names == null) {
          names = p.passes().stream().map(CycleModel.Pass::name).toList();
          passCycles = new long[names.size()];
          passOps = new long[names.size()];
        }
        for (int k = 0; k < names.size(); k++) {
          passCycles[k] += p.passes().get(k).cycles();
          passOps[k] += p.passes().get(k).operations();
        }
        load += p.load();
        steps += raw.length;
        total += p.total();
        if (r.prediction() == in.labels()[i]) {
          correct++;
        }
        OpCounts c = r.counts();
        acs += c.accumulates();
        macs += c.multiplyAccumulates();
        att += c.attentionAccumulates();
        hw = hw.plus(energy.of(p, raw.length));
        tallyFiring(firing, c);
        if (i == rasterIndex) {
          raster = raster(raw, traces);
          rasterSteps = raw.length;
        }
        bar.update(i + 1);
      }
    }
    return new Student(
        n,
        steps,
        correct,
        load,
        names,
        passCycles,
        passOps,
        total,
        acs,
        macs,
        att,
        hw,
        firing,
        raster,
        rasterSteps);
  }

  private static void tallyFiring(Map<String, long[]> firing, OpCounts c) {
    for (Map.Entry<String, Long> e : c.spikes().entrySet()) {
      long[] f = firing.computeIfAbsent(e.getKey(), k -> new long[2]);
      f[0] += e.getValue();
      f[1] += c.neuronSteps().get(e.getKey());
    }
  }

  private static Map<String, Double> rates(Map<String, long[]> firing) {
    Map<String, Double> out = new LinkedHashMap<>();
    firing.forEach((k, f) -> out.put(k, f[1] == 0 ? 0.0 : (double) f[0] / f[1]));
    return out;
  }

  /** Which cells of a {@code [step][neuron]} array are non-zero. */
  private interface Cells {
    boolean on(int t, int j);
  }

  private static List<RasterLayer> raster(long[][] raw, Map<String, FixedLayerTrace> traces) {
    List<RasterLayer> out = new ArrayList<>();
    int steps = raw.length;
    out.add(layer("input", steps, steps == 0 ? 0 : raw[0].length, (t, j) -> raw[t][j] != 0));
    for (FixedLayerTrace tr : traces.values()) {
      byte[][] s = tr.spikes();
      out.add(layer(tr.name(), s.length, s.length == 0 ? 0 : s[0].length, (t, j) -> s[t][j] != 0));
    }
    return out;
  }

  private static RasterLayer layer(String name, int steps, int width, Cells cells) {
    int n = 0;
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        n += cells.on(t, j) ? 1 : 0;
      }
    }
    int[] at = new int[n];
    int[] idx = new int[n];
    int k = 0;
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < width; j++) {
        if (cells.on(t, j)) {
          at[k] = t;
          idx[k++] = j;
        }
      }
    }
    return new RasterLayer(name, width, at, idx);
  }

  private ReportResult.Teacher teacher(Dataset ds) {
    SpikeScrModel m = Models.readFloat(teacher);
    ModelInputs in = ModelInputs.prepare(ds, data.data.toString(), m.config(), 0, limit.limit);
    FloatSimulator sim = new FloatSimulator(m, FloatPrecision.DOUBLE);
    int n = in.inputs().size();
    long correct = 0;
    double steps = 0;
    double acs = 0;
    double macs = 0;
    Map<String, long[]> firing = new LinkedHashMap<>();
    try (ProgressBar bar = quiet.bar(spec, n, "teacher")) {
      for (int i = 0; i < n; i++) {
        Inference r = sim.run(in.inputs().get(i));
        if (r.prediction() == in.labels()[i]) {
          correct++;
        }
        steps += in.inputs().get(i).length;
        acs += r.counts().accumulates();
        macs += r.counts().multiplyAccumulates();
        tallyFiring(firing, r.counts());
        bar.update(i + 1);
      }
    }
    return new ReportResult.Teacher(
        teacher.toString(),
        steps / n,
        (double) correct / n,
        (acs + macs) / n,
        EnergyModel.microjoules(acs / n, macs / n),
        rates(firing));
  }

  private ReportResult result(DesignDir d, Student s, ReportResult.Teacher t, SynthFigures res) {
    int n = s.samples();
    int lanes = d.options().lanes();
    // the shared engine and the embedding's add engineLanes and embedLanes weights per event
    SharedLayers shared = SharedLayers.plan(d.model(), d.options());
    CycleModel paired = d.cycleModel();
    List<ReportResult.Pass> passes = new ArrayList<>();
    double ideal = 0;
    for (int k = 0; k < s.passNames().size(); k++) {
      String name = s.passNames().get(k);
      SharedLayers.Member m = shared.member(name);
      int passLanes =
          m != null
              ? d.options().engineLanes()
              : name.equals(d.model().embed().name()) ? d.options().embedLanes() : lanes;
      // a pass on spikes in a design of pairs adds two rows per cycle
      if (m != null && paired.paired(name)) {
        passLanes *= 2;
      }
      double c = (double) s.passCycles()[k] / n;
      double ops = (double) s.passOps()[k] / n;
      passes.add(
          new ReportResult.Pass(name, c, ops, ops / passLanes, c == 0 ? 0 : ops / passLanes / c));
      ideal += ops / passLanes;
    }
    double cyclesMean = (double) s.total() / n;
    HardwareEnergy.Estimate mean = s.energy().over(n);
    double hw = mean.total();
    ReportResult.Energy energy =
        new ReportResult.Energy(
            mean.weightReads(),
            mean.accumulations(),
            mean.stateUpdates(),
            hw,
            HardwareEnergy.ASSUMPTIONS,
            EnergyModel.microjoules(s.accumulates() / n, s.multiplyAccumulates() / n),
            EnergyModel.ASSUMPTIONS);
    return new ReportResult(
        design.toString(),
        data.data.toString(),
        n,
        (double) s.steps() / n,
        lanes,
        clock.clockMhz,
        cyclesMean,
        (double) s.load() / n,
        cyclesMean / clock.clockMhz,
        ideal / cyclesMean,
        hw,
        res == null ? null : res.lut(),
        res == null ? null : res.ff(),
        res == null ? null : res.bram36(),
        res == null ? null : res.dsp(),
        res == null ? null : res.logicDepth(),
        res == null ? null : res.fits(),
        res == null ? null : res.part(),
        (double) s.correct() / n,
        (s.accumulates() + s.multiplyAccumulates()) / n,
        s.attention() / n,
        energy,
        passes,
        rates(s.firing()),
        t,
        out.toString());
  }

  /** The resources in a synth JSON; a file of another design or a broken one is an input error. */
  static SynthFigures resources(Path file, DesignDir d) {
    SynthFigures f = SynthFigures.read(file);
    if (!d.name().equals(f.design())) {
      throw new InputException(
          file.toString(),
          "design",
          "expected \"" + d.name() + "\" (the design's name), got \"" + f.design() + "\"");
    }
    return f;
  }
}
