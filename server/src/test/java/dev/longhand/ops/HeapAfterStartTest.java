package dev.longhand.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapAfterStartTest {
  private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  @Test
  void theLaunchersStartUpRatiosGoBackToG1sDefaultsOnceServing() {
    String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
    String min = vm.getVMOption("MinHeapFreeRatio").getValue();
    try {
      vm.setVMOption("MinHeapFreeRatio", "10");
      vm.setVMOption("MaxHeapFreeRatio", "30");
      HeapAfterStart.relax().join();
      assertEquals("70", vm.getVMOption("MaxHeapFreeRatio").getValue());
      assertEquals("40", vm.getVMOption("MinHeapFreeRatio").getValue());
    } finally {
      vm.setVMOption("MaxHeapFreeRatio", "100");
      vm.setVMOption("MinHeapFreeRatio", min);
      vm.setVMOption("MaxHeapFreeRatio", max);
    }
  }

  @Test
  void aJvmStartedWithOtherRatiosIsLeftAsItIs() {
    String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
    String min = vm.getVMOption("MinHeapFreeRatio").getValue();
    try {
      vm.setVMOption("MaxHeapFreeRatio", "50");
      vm.setVMOption("MinHeapFreeRatio", "20");
      HeapAfterStart.relax().join();
      assertEquals("50", vm.getVMOption("MaxHeapFreeRatio").getValue());
      assertEquals("20", vm.getVMOption("MinHeapFreeRatio").getValue());
    } finally {
      vm.setVMOption("MaxHeapFreeRatio", "100");
      vm.setVMOption("MinHeapFreeRatio", min);
      vm.setVMOption("MaxHeapFreeRatio", max);
    }
  }
}
