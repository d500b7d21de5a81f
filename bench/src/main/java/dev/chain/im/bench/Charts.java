package dev.chain.im.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a run, drawn headless with JFreeChart. */
final class Charts {
  private Charts() {}

  /** send→push p50/p99 and send p99 per second. */
  static void latencyOverTime(List<Map<String, Object>> series, String title, Path file)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(column(series, "pushP50Ms", "send→push p50"));
    data.addSeries(column(series, "pushP99Ms", "send→push p99"));
    data.addSeries(column(series, "sendP99Ms", "send (REST) p99"));
    JFreeChart chart = latencyChart(title, "seconds", "ms (log)", data);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
  }

  /** sends/s and deliveries/s per second. */
  static void throughput(List<Map<String, Object>> series, String title, Path file)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(column(series, "deliveriesPerSecond", "deliveries/s"));
    data.addSeries(column(series, "sendsPerSecond", "sends/s (acknowledged)"));
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, "seconds", "per second", data, PlotOrientation.VERTICAL, true, false, false);
    style(chart);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
  }

  /** Latency by percentile, x = 1/(1-p) on a log axis (90%, 99%, 99.9% …). */
  static void percentiles(Map<String, Histogram> histograms, String title, Path file)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, Histogram> named : histograms.entrySet()) {
      Histogram h = named.getValue();
      if (h == null || h.getTotalCount() == 0) {
        continue;
      }
      XYSeries s = new XYSeries(named.getKey());
      for (HistogramIterationValue v : h.percentiles(5)) {
        double p = v.getPercentileLevelIteratedTo() / 100.0;
        if (p >= 1.0) {
          break;
        }
        s.add(1 / (1 - p), v.getValueIteratedTo() / 1000.0);
      }
      s.add(1 / (1 - 0.99999), h.getMaxValue() / 1000.0);
      data.addSeries(s);
    }
    JFreeChart chart = latencyChart(title, "percentile", "ms (log)", data);
    LogAxis x = new LogAxis("percentile as 1/(1-p): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9");
    x.setBase(10);
    x.setSmallestValue(1);
    chart.getXYPlot().setDomainAxis(x);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
  }

  /**
   * Ours and the bare pipeline on one chart: send→push p50 and p99 of each ramp step against the
   * deliveries/s it delivered, in step order.
   */
  static void saturation(
      List<LoadDriver.StepResult> ours, List<Baseline.Step> bare, String title, Path file)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    addPercentiles(data, "ours", ours);
    addPercentiles(data, "bare pipeline", bare);
    JFreeChart chart = latencyChart(title, "verified deliveries/s", "send→push ms (log)", data);
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    renderer.setDefaultShapesVisible(true);
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    renderer.setSeriesPaint(1, new Color(0x9ecae1));
    renderer.setSeriesPaint(2, new Color(0xd62728));
    renderer.setSeriesPaint(3, new Color(0xff9896));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
  }

  /** A styled line chart with milliseconds on a log axis. */
  private static JFreeChart latencyChart(
      String title, String xLabel, String yLabel, XYSeriesCollection data) {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    LogAxis y = new LogAxis(yLabel);
    y.setSmallestValue(0.1);
    y.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
    y.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    chart.getXYPlot().setRangeAxis(y);
    style(chart);
    return chart;
  }

  /** Two series, "{name} p50" and "{name} p99", of the steps' deliveries/s, in step order. */
  private static void addPercentiles(
      XYSeriesCollection data, String name, List<? extends RampStep> steps) {
    XYSeries p50 = new XYSeries(name + " p50", false, true);
    XYSeries p99 = new XYSeries(name + " p99", false, true);
    for (RampStep step : steps) {
      add(p50, step.deliveriesPerSecond(), step.sendToPush().get("p50Ms"));
      add(p99, step.deliveriesPerSecond(), step.sendToPush().get("p99Ms"));
    }
    data.addSeries(p50);
    data.addSeries(p99);
  }

  private static void add(XYSeries series, double x, Object y) {
    if (y instanceof Number n && n.doubleValue() > 0) {
      series.add(x, n.doubleValue());
    }
  }

  private static XYSeries column(List<Map<String, Object>> series, String key, String name) {
    XYSeries s = new XYSeries(name);
    for (Map<String, Object> point : series) {
      Object value = point.get(key);
      if (value instanceof Number n && n.doubleValue() > 0) {
        s.add(((Number) point.get("t")).doubleValue(), n.doubleValue());
      }
    }
    return s;
  }

  private static void style(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < 4; i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    chart.setBackgroundPaint(Color.WHITE);
  }
}
