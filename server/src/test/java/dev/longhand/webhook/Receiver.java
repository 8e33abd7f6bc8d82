package dev.longhand.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver of webhooks on loopback (the JDK's server): it records every request and answers what the
 * test scripted, in order ({@link #answer}), 200 once the script runs out. {@code /hang} holds its request until
 * {@link #close}; a 302 answer sends its caller to {@code /elsewhere}.
 */
final class Receiver implements AutoCloseable {
  record Request(String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger pausing = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger mostPausing = new java.util.concurrent.atomic.AtomicInteger();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      String path = exchange.getRequestURI().getPath();
      received.add(new Request(path, headers, body));
      if (path.startsWith("/hang")) {
        holding.incrementAndGet();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          holding.decrementAndGet();
        }
      }
      if (path.startsWith("/pause")) { // answers after 3 s: shorter than the sender's 15 s, so the sender's and ours agree
        mostPausing.accumulateAndGet(pausing.incrementAndGet(), Math::max);
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          pausing.decrementAndGet();
        }
      }
      Integer status = path.startsWith("/elsewhere") ? Integer.valueOf(200) : script.poll();
      int code = status == null ? 200 : status;
      if (code == 302) exchange.getResponseHeaders().add("Location", url("/elsewhere"));
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    server.start();
  }

  /** The answers to the next requests, in order. */
  Receiver answer(Integer... statuses) {
    script.addAll(List.of(statuses));
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next request, waiting for it (a wait, not an assertion of time: the sender runs on its own). */
  Request next() throws InterruptedException {
    Request r = received.poll(30, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("the receiver heard nothing in 30 seconds");
    return r;
  }

  /** How many requests to {@code /hang} it is holding without an answer now. */
  int holding() {
    return holding.get();
  }

  /** The most requests to {@code /pause} it held at once (each for 3 s) so far. */
  int mostPausedAtOnce() {
    return mostPausing.get();
  }

  /** What arrived and was not taken yet. */
  List<Request> drain() {
    List<Request> rest = new ArrayList<>();
    received.drainTo(rest);
    return rest;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
