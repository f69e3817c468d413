package org.spikescr.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plots of {@code spikescr report}, drawn with JFreeChart as PNG: cycles and lane utilization
 * per pass, a spike raster of one utterance through every layer, and the teacher's firing rates
 * against the student's. Every chart has a fixed size, white background and the fonts of the Java
 * runtime, so the same figures give the same bytes on the same machine.
 */
public final class ReportCharts {
  private static final int WIDTH = 900;
  private static final Color[] SERIES = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c)
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ReportCharts() {}

  /**
   * One layer of a raster: its spikes as parallel arrays of step and neuron.
   *
   * @param name the LIF layer, or {@code input}
   * @param neurons its width
   * @param steps the step of each spike
   * @param indices the neuron of each spike
   */
  @SuppressWarnings("ArrayRecordComponent") // read only, by the chart
  public record RasterLayer(String name, int neurons, int[] steps, int[] indices) {}

  /** A horizontal bar chart of one value per category, in the given order. */
  public static byte[] bars(
      String title, String valueLabel, Map<String, Double> values, String series) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    values.forEach((k, v) -> ds.addValue(v, series, k));
    return png(barChart(title, valueLabel, ds, false), height(values.size()));
  }

  /** Horizontal bars of several series per category (series in order, categories in order). */
  public static byte[] groupedBars(
      String title, String valueLabel, Map<String, Map<String, Double>> series) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    int categories = 0;
    for (Map.Entry<String, Map<String, Double>> s : series.entrySet()) {
      s.getValue().forEach((k, v) -> ds.addValue(v, s.getKey(), k));
      categories = Math.max(categories, s.getValue().size());
    }
    return png(barChart(title, valueLabel, ds, true), height(categories * series.size() / 2 + 4));
  }

  /**
   * A raster of one utterance: every layer a horizontal band of its neurons (stacked bottom to top
   * in order), a dot per spike at its step.
   */
  public static byte[] raster(String title, List<RasterLayer> layers, int steps) {
    XYSeries even = new XYSeries("even layers");
    XYSeries odd = new XYSeries("odd layers");
    int base = 0;
    XYPlot plot;
    JFreeChart chart;
    XYSeriesCollection ds = new XYSeriesCollection();
    ds.addSeries(even);
    ds.addSeries(odd);
    chart =
        ChartFactory.createScatterPlot(
            title,
            "time step",
            "neuron (layers stacked)",
            ds,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    plot = chart.getXYPlot();
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
    for (int l = 0; l < layers.size(); l++) {
      RasterLayer layer = layers.get(l);
      XYSeries s = l % 2 == 0 ? even : odd;
      for (int i = 0; i < layer.steps().length; i++) {
        s.add(layer.steps()[i], base + layer.indices()[i], false);
      }
      XYTextAnnotation label =
          new XYTextAnnotation(layer.name(), steps - 0.5, base + layer.neurons() / 2.0);
      label.setFont(small);
      label.setTextAnchor(TextAnchor.CENTER_LEFT);
      plot.addAnnotation(label);
      base += layer.neurons();
      ValueMarker m =
          new ValueMarker(base - 0.5, new Color(0xcc, 0xcc, 0xcc), new BasicStroke(0.5f));
      plot.addRangeMarker(m);
    }
    even.fireSeriesChanged();
    odd.fireSeriesChanged();
    XYDotRenderer dots = new XYDotRenderer();
    dots.setDotWidth(2);
    dots.setDotHeight(2);
    dots.setSeriesPaint(0, SERIES[0]);
    dots.setSeriesPaint(1, SERIES[1]);
    plot.setRenderer(dots);
    NumberAxis x = (NumberAxis) plot.getDomainAxis();
    x.setRange(-0.5, steps + steps * 0.35);
    NumberAxis y = (NumberAxis) plot.getRangeAxis();
    y.setRange(-0.5, Math.max(base, 1) - 0.5);
    style(chart);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return png(chart, 1200);
  }

  /**
   * One point of a design-space scatter.
   *
   * @param name its label
   * @param x its resources (LUTs)
   * @param y its latency
   * @param front whether it is on the Pareto front
   */
  public record Labelled(String name, double x, double y, boolean front) {}

  /**
   * Latency against LUTs of every point, the Pareto front in its own colour and joined, each point
   * labelled, and a line at the part's LUT budget.
   */
  public static byte[] pareto(
      String title,
      String xLabel,
      String yLabel,
      List<Labelled> points,
      double budget,
      String part) {
    XYSeries front = new XYSeries("Pareto front");
    XYSeries rest = new XYSeries("dominated");
    for (Labelled p : points) {
      (p.front() ? front : rest).add(p.x(), p.y());
    }
    XYSeriesCollection ds = new XYSeriesCollection();
    ds.addSeries(front);
    ds.addSeries(rest);
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            title, xLabel, yLabel, ds, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, true);
    r.setSeriesLinesVisible(1, false);
    r.setSeriesPaint(0, SERIES[0]);
    r.setSeriesPaint(1, SERIES[1]);
    plot.setRenderer(r);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    for (Labelled p : points) {
      XYTextAnnotation a = new XYTextAnnotation(" " + p.name(), p.x(), p.y());
      a.setFont(small);
      a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addAnnotation(a);
    }
    ValueMarker b = new ValueMarker(budget, Color.RED, new BasicStroke(1f));
    b.setLabel(part + " LUTs");
    b.setLabelFont(small);
    b.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
    b.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addDomainMarker(b);
    NumberAxis x = (NumberAxis) plot.getDomainAxis();
    double maxX = budget;
    for (Labelled p : points) {
      maxX = Math.max(maxX, p.x());
    }
    x.setRange(0, maxX * 1.15);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xbb, 0xbb, 0xbb));
    plot.setRangeGridlinePaint(new Color(0xbb, 0xbb, 0xbb));
    style(chart);
    return png(chart, 600);
  }

  private static JFreeChart barChart(
      String title, String valueLabel, DefaultCategoryDataset ds, boolean legend) {
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, valueLabel, ds, PlotOrientation.HORIZONTAL, legend, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int i = 0; i < SERIES.length; i++) {
      r.setSeriesPaint(i, SERIES[i]);
    }
    CategoryAxis c = plot.getDomainAxis();
    c.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    c.setCategoryMargin(0.1);
    c.setLowerMargin(0.01);
    c.setUpperMargin(0.01);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xbb, 0xbb, 0xbb));
    style(chart);
    return chart;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
  }

  private static int height(int bars) {
    return 120 + 18 * bars;
  }

  private static byte[] png(JFreeChart chart, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
