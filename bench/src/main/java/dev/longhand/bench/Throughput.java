package dev.longhand.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured loop achieved: operations completed in a wall-clock window, their latencies in
 * microseconds (null when the tool reports none), and the settings that make the figure meaningful.
 */
record Throughput(String method, long operations, double seconds, Histogram latencyMicros, String settings) implements java.io.Serializable {

  double perSecond() {
    return seconds > 0 ? operations / seconds : 0;
  }

  static Histogram newHistogram() {
    return new Histogram(60_000_000L, 3); // up to a minute, three significant digits
  }

  static String millis(Histogram h, double percentile) {
    if (h == null || h.getTotalCount() == 0) return "-";
    return String.format("%.2f ms", h.getValueAtPercentile(percentile) / 1000.0);
  }
}
