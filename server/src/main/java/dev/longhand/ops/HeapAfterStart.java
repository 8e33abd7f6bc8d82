package dev.longhand.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends start-up's heap sizing. The launcher starts the JVM with G1 keeping at most 30% of its heap free
 * ({@code -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10}), so the ~200 MB of short-lived data start-up
 * makes (migrations, templates, the index) goes back to the system: 213 MiB resident after start instead of
 * 256-267. Kept under load, the same setting shrank the heap at every marking cycle until the next cycle was
 * due at once: ten concurrent cycles and full pauses in 25 s of the load benchmark, half its replies/s. Once
 * serving, the ratios go back to G1's defaults (40 and 70), so the heap grows to what the load needs and stays.
 *
 * <p>The heap gives memory back only when it is collected, and a start that is over in a second or two (the launcher's
 * start-up cache) may see no collection after its heap grew: 182 MB of heap stayed committed and the process 270 MB
 * resident. So the ratios go back after one full collection, on a thread of its own once the server answers: one
 * pause of tens of milliseconds, with about a third of the heap free behind it.
 *
 * <p>Both are manageable flags; a JVM started without them (tests, an operator's own flags) is left as it is.
 */
public final class HeapAfterStart {
  private static final Logger log = LoggerFactory.getLogger(HeapAfterStart.class);
  private static final Map<String, String> SERVING = Map.of("MaxHeapFreeRatio", "70", "MinHeapFreeRatio", "40");

  private HeapAfterStart() {}

  /**
   * Collects once and returns the ratios to G1's defaults when the launcher lowered them for start-up; done when the
   * answer completes (at once when there was nothing to do).
   */
  public static CompletableFuture<Void> relax() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (!"30".equals(vm.getVMOption("MaxHeapFreeRatio").getValue())) return CompletableFuture.completedFuture(null);
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("heap-after-start").start(() -> {
      System.gc();
      serving(vm);
      done.complete(null);
    });
    return done;
  }

  private static void serving(HotSpotDiagnosticMXBean vm) {
    try {
      // Max first: Min may never exceed it.
      vm.setVMOption("MaxHeapFreeRatio", SERVING.get("MaxHeapFreeRatio"));
      vm.setVMOption("MinHeapFreeRatio", SERVING.get("MinHeapFreeRatio"));
    } catch (RuntimeException e) {
      log.debug("heap ratios left as they are", e);
    }
  }
}
