package dev.longhand.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent so far, in nanoseconds: this process's (server and load driver share it), PostgreSQL's (every
 * process named {@code postgres} on the machine, from {@code /proc}: its server, checkpointer and WAL writer too) and
 * any other process's by pid (the nodes and HAProxy of {@code bench cluster}).
 * Differences over a phase, divided by its replies, give the CPU per reply the benchmark reports.
 */
final class DatabaseCpu {
  /** Linux's clock ticks per second for {@code /proc/<pid>/stat} (USER_HZ), which is 100 on every Linux port. */
  private static final long TICKS_PER_SECOND = 100;

  private DatabaseCpu() {}

  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** PostgreSQL's CPU time so far: 0 without a {@code /proc} (then per-reply figures show the server alone). */
  static long postgresNanos() {
    long ticks = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) continue;
          ticks += ticks(stat);
        } catch (IOException | RuntimeException gone) {
          // the process ended while being read
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /** The CPU time so far of one other process (all its threads), or -1 when it is gone or there is no {@code /proc}. */
  static long nanosOf(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return -1;
    }
  }

  /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, after the command name and its parentheses. */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
