package org.spikescr.cli;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikescr.cli.plot.ReportCharts;
import org.spikescr.gen.emit.verilog.TemplateEngine;

/**
 * The HTML page of {@code spikescr report}: the figures formatted and the plots drawn here, the
 * page laid out by the template {@code templates/report/report.html.ftlh}. The plots are PNG images
 * embedded as data URIs, so the page needs no other file and no network. The page is well-formed
 * XML, so tools can read it as well as browsers.
 */
final class ReportPage {
  static final String TEMPLATE = "report/report.html.ftlh";

  private ReportPage() {}

  /**
   * The plots of result {@code r} as PNG, by name: {@code cycles}, {@code utilization}, {@code
   * raster} (utterance {@code rasterIndex}) and, with a teacher, {@code teacher}.
   */
  static Map<String, byte[]> plots(
      ReportResult r, List<ReportCharts.RasterLayer> raster, int rasterSteps, int rasterIndex) {
    Map<String, Double> cycles = new LinkedHashMap<>();
    Map<String, Double> util = new LinkedHashMap<>();
    cycles.put("load", r.loadCycles());
    for (ReportResult.Pass p : r.passes()) {
      cycles.put(p.name(), p.cycles());
      util.put(p.name(), 100 * p.utilization());
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("cycles", ReportCharts.bars("Cycles per pass", "cycles", cycles, "cycles"));
    out.put(
        "utilization",
        ReportCharts.bars(
            "Lane utilization per pass (operations / lanes / cycles)", "%", util, "student"));
    out.put(
        "raster",
        ReportCharts.raster(
            "Spikes of utterance " + rasterIndex + " through every layer", raster, rasterSteps));
    ReportResult.Teacher t = r.teacher();
    if (t != null) {
      Map<String, Map<String, Double>> series = new LinkedHashMap<>();
      series.put("teacher (float, " + fmt("%.0f", t.timeSteps()) + " steps)", t.firingRates());
      series.put("student (design, integer)", r.firingRates());
      out.put(
          "teacher",
          ReportCharts.groupedBars(
              "Firing rate per LIF layer", "spikes per neuron and step", series));
    }
    return out;
  }

  /** The page of result {@code r}, its {@link #plots} embedded. */
  static String html(ReportResult r, Map<String, byte[]> plots, int rasterIndex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("design", r.design());
    m.put("data", r.data());
    m.put("samples", Integer.toString(r.samples()));
    m.put("lanes", Integer.toString(r.lanes()));
    m.put("clock", fmt("%.0f", r.clockMhz()));
    List<List<String>> summary = new ArrayList<>();
    summary.add(List.of("cycles per inference", fmt("%.1f", r.cycles())));
    summary.add(List.of("latency", fmt("%.2f us at %.0f MHz", r.latencyUs(), r.clockMhz())));
    summary.add(List.of("lane utilization", fmt("%.2f %%", 100 * r.utilization())));
    summary.add(List.of("accuracy (integer model)", fmt("%.2f %%", 100 * r.accuracy())));
    summary.add(List.of("synaptic operations", fmt("%.0f", r.synapticOps())));
    summary.add(List.of("attention accumulates", fmt("%.0f", r.attentionOps())));
    summary.add(List.of("energy, hardware estimate", fmt("%.3f uJ", r.energy().hardwareUj())));
    summary.add(
        List.of("energy, operation-count method", fmt("%.3f uJ", r.energy().opsMethodUj())));
    if (r.lut() != null) {
      summary.add(List.of("part", r.part()));
      summary.add(List.of("LUT", Long.toString(r.lut())));
      summary.add(List.of("FF", Long.toString(r.ff())));
      summary.add(List.of("BRAM36", fmt("%.1f", r.bram36())));
      summary.add(List.of("DSP", Long.toString(r.dsp())));
      summary.add(List.of("logic depth (LUT levels)", Integer.toString(r.logicDepth())));
      summary.add(List.of("fits", Boolean.toString(r.fits())));
    }
    m.put("summary", summary);
    m.put("resources", r.lut() != null);
    List<List<String>> passes = new ArrayList<>();
    double load = r.loadCycles();
    passes.add(
        List.of(
            "load (input beats)",
            fmt("%.1f", load),
            fmt("%.1f %%", 100 * load / r.cycles()),
            "",
            "",
            ""));
    for (ReportResult.Pass p : r.passes()) {
      passes.add(
          List.of(
              p.name(),
              fmt("%.1f", p.cycles()),
              fmt("%.1f %%", 100 * p.cycles() / r.cycles()),
              fmt("%.0f", p.operations()),
              fmt("%.1f", p.idealCycles()),
              fmt("%.2f %%", 100 * p.utilization())));
    }
    m.put("passes", passes);
    m.put("cyclesPlot", png(plots.get("cycles")));
    m.put("utilizationPlot", png(plots.get("utilization")));
    m.put("rasterPlot", png(plots.get("raster")));
    m.put("rasterIndex", Integer.toString(rasterIndex));
    List<List<String>> firing = new ArrayList<>();
    ReportResult.Teacher t = r.teacher();
    for (Map.Entry<String, Double> e : r.firingRates().entrySet()) {
      Double tr = t == null ? null : t.firingRates().get(e.getKey());
      firing.add(List.of(e.getKey(), fmt("%.4f", e.getValue()), tr == null ? "" : fmt("%.4f", tr)));
    }
    m.put("firing", firing);
    m.put("teacher", t != null);
    if (t != null) {
      m.put("teacherPlot", png(plots.get("teacher")));
      List<List<String>> vs = new ArrayList<>();
      vs.add(List.of("model", t.model(), r.design()));
      vs.add(List.of("time steps (mean)", fmt("%.1f", t.timeSteps()), fmt("%.1f", r.timeSteps())));
      vs.add(
          List.of(
              "accuracy", fmt("%.2f %%", 100 * t.accuracy()), fmt("%.2f %%", 100 * r.accuracy())));
      vs.add(
          List.of(
              "synaptic operations", fmt("%.0f", t.synapticOps()), fmt("%.0f", r.synapticOps())));
      vs.add(
          List.of(
              "energy, operation-count method",
              fmt("%.3f uJ", t.energyOpsUj()),
              fmt("%.3f uJ", r.energy().opsMethodUj())));
      vs.add(
          List.of(
              "student energy / teacher energy",
              "",
              fmt("%.3f", r.energy().opsMethodUj() / t.energyOpsUj())));
      m.put("versus", vs);
    }
    ReportResult.Energy e = r.energy();
    m.put(
        "energy",
        List.of(
            List.of("weight memory reads", fmt("%.4f uJ", e.weightReadsUj())),
            List.of("accumulations", fmt("%.4f uJ", e.accumulationsUj())),
            List.of("state updates (membranes, spikes)", fmt("%.4f uJ", e.stateUpdatesUj())),
            List.of("hardware estimate, total", fmt("%.4f uJ", e.hardwareUj())),
            List.of("operation-count method (authors')", fmt("%.4f uJ", e.opsMethodUj()))));
    m.put("hardwareAssumptions", e.hardwareAssumptions());
    m.put("opsAssumptions", e.opsMethodAssumptions());
    return new TemplateEngine().render(TEMPLATE, m);
  }

  private static String png(byte[] bytes) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
