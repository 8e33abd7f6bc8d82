package dev.longhand.store;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for work nobody waits on as it happens (the outbox's durable consumers: the search index, notifications,
 * webhooks): platform threads that, on Linux, lower their own CPU priority by {@link #NICER} nice levels, so that
 * when the CPU is short, requests (and the database serving them) go first and the background work catches up
 * when it is not (bench/results/20261207-1630-background-priority.md measures what it did on two cores).
 *
 * <p>Java's own thread priorities change nothing on Linux unless the JVM is started with
 * {@code -XX:ThreadPriorityPolicy=1}, which warns at every start when not root and also raises other threads' (the
 * reference handler's) when root; so each thread asks the kernel for itself ({@code setpriority} on its own thread
 * id, through the foreign function API). Lowering one's priority needs no privilege. Where that is not possible
 * (not Linux, no such call) the thread runs at the normal priority and says so once.
 */
final class BackgroundThreads {
  private static final Logger log = LoggerFactory.getLogger(BackgroundThreads.class);
  /** Nice levels added: 4 gives a thread about 40% of the CPU weight of one at the process's level (423 to 1024). */
  static final int NICER = 4;
  private static final int PRIO_PROCESS = 0;
  private static final int LOWEST = 19;
  private static final Priority PRIORITY = Priority.find();
  private static volatile boolean warned;

  private BackgroundThreads() {}

  /** Starts {@code work} on a daemon platform thread of that name, at the lower priority. */
  static Thread start(String name, Runnable work) {
    return Thread.ofPlatform().daemon().name(name).start(() -> {
      lowerPriority();
      work.run();
    });
  }

  /** The calling thread's nice value, or null where it cannot be read. */
  static Integer niceness() {
    return PRIORITY == null ? null : PRIORITY.get();
  }

  private static void lowerPriority() {
    if (PRIORITY != null && PRIORITY.lower()) return;
    if (!warned) {
      warned = true;
      log.info("background threads run at the normal CPU priority here (no setpriority for a thread)");
    }
  }

  /**
   * The C library's {@code gettid}, {@code getpriority} and {@code setpriority}, bound through the foreign function
   * API. Looked up reflectively: the code is compiled for Java 21, where that API is a preview, and runs on the
   * newest JDK the launcher finds; on 21 the lookup fails and the threads keep the normal priority.
   */
  private record Priority(MethodHandle gettid, MethodHandle getpriority, MethodHandle setpriority) {
    static Priority find() {
      try {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
        Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
        Method descriptor = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
        Method downcall = linkerType.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"), descriptorType,
            optionType.arrayType());
        Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
        MethodHandle[] handles = new MethodHandle[3];
        String[] names = {"gettid", "getpriority", "setpriority"};
        int[] arity = {0, 2, 3}; // each takes and answers ints
        for (int i = 0; i < names.length; i++) {
          Object arguments = Array.newInstance(layoutType, arity[i]);
          for (int a = 0; a < Array.getLength(arguments); a++) Array.set(arguments, a, javaInt);
          Object symbol = ((Optional<?>) find.invoke(libc, names[i])).orElseThrow();
          handles[i] = (MethodHandle) downcall.invoke(linker, symbol, descriptor.invoke(null, javaInt, arguments),
              Array.newInstance(optionType, 0));
        }
        return new Priority(handles[0], handles[1], handles[2]);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) { // Java 21, not Linux, or no native access
        return null;
      }
    }

    /** The calling thread's nice value (getpriority answers -1 for an error, also a valid value: read as is). */
    Integer get() {
      try {
        int tid = (int) gettid.invokeExact();
        return (int) getpriority.invokeExact(PRIO_PROCESS, tid);
      } catch (Throwable e) {
        return null;
      }
    }

    /** Adds {@link #NICER} to the calling thread's nice value; false when the kernel refused. */
    boolean lower() {
      try {
        int tid = (int) gettid.invokeExact();
        int now = (int) getpriority.invokeExact(PRIO_PROCESS, tid);
        return (int) setpriority.invokeExact(PRIO_PROCESS, tid, Math.min(LOWEST, now + NICER)) == 0;
      } catch (Throwable e) {
        return false;
      }
    }
  }
}
