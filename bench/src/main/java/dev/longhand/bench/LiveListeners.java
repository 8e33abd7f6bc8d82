package dev.longhand.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening side of {@link LiveBench}, in a process of its own (each process may hold 20,000 descriptors here, and
 * the server's streams and these would share them): opens the streams it is told on stdin, one virtual thread each
 * over a plain socket, says {@code ready} once every stream has been subscribed, and at {@code stop} prints each reply
 * event it heard with the microsecond it arrived.
 *
 * <p>stdin: the base URL, then one line per stream, {@code <token> <thread id>}, then an empty line; later {@code stop}.
 * stdout: {@code ready <open> <refused or failed>}, then {@code heard <reply id> <stream> <epoch micros>} lines and {@code done <streams still open>}.
 */
public final class LiveListeners {
  private record Heard(long replyId, int stream, long micros) {}

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    URI base = URI.create(in.readLine().strip());
    List<String[]> streams = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) streams.add(line.strip().split(" "));
    ConcurrentLinkedQueue<Heard> heard = new ConcurrentLinkedQueue<>();
    CountDownLatch subscribed = new CountDownLatch(streams.size());
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger live = new AtomicInteger();
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      Socket s = new Socket();
      sockets.add(s);
      int stream = i;
      String[] job = streams.get(i);
      Thread.ofVirtual().start(() -> listen(s, base, job[0], job[1], stream, heard, subscribed, refused, live));
      if (i % 100 == 99) Thread.sleep(10); // pages open over a second or two, not all in the same millisecond
    }
    if (!subscribed.await(120, TimeUnit.SECONDS)) System.err.println("live: only " + (streams.size() - subscribed.getCount()) + " streams subscribed");
    System.out.println("ready " + live.get() + " " + refused.get());
    System.out.flush();
    for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
      // nothing else is said before stop
    }
    int openAtStop = live.get();
    StringBuilder out = new StringBuilder();
    for (Heard h : heard) out.append("heard ").append(h.replyId()).append(' ').append(h.stream()).append(' ').append(h.micros()).append('\n');
    out.append("done ").append(openAtStop).append('\n');
    System.out.print(out);
    System.out.flush();
    for (Socket s : sockets) s.close();
    System.exit(0);
  }

  private static void listen(Socket s, URI base, String token, String thread, int stream, ConcurrentLinkedQueue<Heard> heard,
                             CountDownLatch subscribed, AtomicInteger refused, AtomicInteger live) {
    boolean counted = false;
    try {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 60_000);
      OutputStream o = s.getOutputStream();
      o.write(("GET /threads/" + thread + "/events HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAccept: text/event-stream\r\n"
          + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 512);
      String status = r.readLine();
      if (status == null || !status.contains(" 200")) {
        refused.incrementAndGet();
        return;
      }
      String event = "";
      String id = "";
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!counted && line.startsWith(": subscribed")) {
          counted = true;
          live.incrementAndGet();
          subscribed.countDown();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.isEmpty()) {
          if (event.equals("reply") && !id.isEmpty()) heard.add(new Heard(Long.parseLong(id), stream, micros()));
          event = "";
          id = "";
        }
      }
    } catch (IOException e) {
      if (!counted) {
        refused.incrementAndGet();
        System.err.println("live: stream " + stream + " failed: " + e);
      }
      // else closed at the end, or by the server
    } finally {
      if (counted) live.decrementAndGet();
      if (!counted) subscribed.countDown();
    }
  }

  static long micros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
