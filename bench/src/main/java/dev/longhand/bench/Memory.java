package dev.longhand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory as Linux reports it ({@code /proc/<pid>/status}): this process's (the bench runs the server and
 * the load driver in one JVM, so these figures hold both), or another's by pid.
 */
final class Memory {
  private Memory() {}

  /** Resident set size now, in MiB; -1 where /proc is not there. */
  static long residentMb() {
    return statusKb("VmRSS:") / 1024;
  }

  /** The largest resident set size this process has had (VmHWM), in MiB; -1 where /proc is not there. */
  static long peakResidentMb() {
    return statusKb("VmHWM:") / 1024;
  }

  /** The heap limit the JVM was given (-Xmx, or its default), in MiB. */
  static long maxHeapMb() {
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  /** Another process's largest resident set size (VmHWM), in MiB; -1 when it is gone or there is no /proc. */
  static long peakResidentMb(long pid) {
    return statusKb(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:") / 1024;
  }

  private static long statusKb(String field) {
    return statusKb(Path.of("/proc/self/status"), field);
  }

  private static long statusKb(Path status, String field) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
      }
    } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
      return -1024;
    }
    return -1024;
  }
}
