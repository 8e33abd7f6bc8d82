package dev.longhand.backup;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the operator's error stream (ASCII, 80 columns, so no terminal library is asked for a width). */
final class Progress {
  private Progress() {}

  static ProgressBar bar(PrintStream err, String task, long max, String unit, long unitSize) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(max, 1)).setStyle(ProgressBarStyle.ASCII)
        .setUnit(unit, unitSize).setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err, 80)).build();
  }

  static ProgressBar rows(PrintStream err, String task, long rows) {
    return bar(err, task, rows, " rows", 1);
  }

  static ProgressBar bytes(PrintStream err, String task, long bytes) {
    return bar(err, task, bytes, " MB", 1024 * 1024);
  }
}
