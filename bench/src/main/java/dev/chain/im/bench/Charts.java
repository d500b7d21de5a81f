package dev.chain.im.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
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
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, "seconds", "ms", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    LogAxis axis = new LogAxis("ms (log)");
    axis.setSmallestValue(0.1);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    plot.setRangeAxis(axis);
    style(chart);
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
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "percentile (1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9)",
            "ms",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    LogAxis x = new LogAxis("percentile as 1/(1-p): 2 = p50, 10 = p90, 100 = p99, 1000 = p99.9");
    x.setBase(10);
    x.setSmallestValue(1);
    plot.setDomainAxis(x);
    LogAxis y = new LogAxis("ms (log)");
    y.setSmallestValue(0.1);
    y.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    plot.setRangeAxis(y);
    style(chart);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
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
