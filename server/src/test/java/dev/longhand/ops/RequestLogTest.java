package dev.longhand.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.Longhand;
import dev.longhand.testkit.Api;
import dev.longhand.testkit.Db;
import dev.longhand.testkit.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per request with its id, route template, status and time; as JSON lines with LONGHAND_LOG_FORMAT=json. */
class RequestLogTest {
  final ch.qos.logback.classic.Logger requestLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RequestLog.class);
  final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  Level levelBefore;
  Api anyone;

  @BeforeEach
  void captureTheRequestLog() {
    Longhand server = TestServers.get(Db.SQLITE);
    anyone = new Api(server.baseUrl(), null);
    levelBefore = requestLog.getLevel();
    requestLog.setLevel(Level.INFO); // the suite quiets it (LONGHAND_REQUEST_LOG=WARN)
    captured.start();
    requestLog.addAppender(captured);
  }

  @AfterEach
  void stopCapturing() {
    requestLog.detachAppender(captured);
    requestLog.setLevel(levelBefore);
  }

  @Test
  void withTheJsonFormatEachRequestIsOneJsonLineWithItsIdAndRouteButNoQueryString() throws Exception {
    Encoder<ILoggingEvent> json = encoderOf("json");
    assertThat(json).isInstanceOf(JsonEncoder.class);

    Api.Response r = anyone.send("GET", "/api/v1/search?q=hunter2&token=s3cret", null, null, "X-Request-Id", "req-json-1");

    ILoggingEvent event = eventFor("req-json-1");
    String line = new String(json.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").doesNotContain("hunter2", "s3cret");
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode parsed = new ObjectMapper().readTree(line);
    assertThat(parsed.path("level").asText()).isEqualTo("INFO");
    assertThat(parsed.path("mdc").path("requestId").asText()).isEqualTo("req-json-1");
    assertThat(parsed.path("formattedMessage").asText()).isEqualTo("GET /api/v1/search " + r.status() + " " + event.getArgumentArray()[3] + " ms");
    assertThat(parsed.toString()).contains("\"route\"", "/api/v1/search", "\"status\"");
  }

  @Test
  void theTextFormatIsTheDefaultAndCarriesTheRequestId() {
    Encoder<ILoggingEvent> text = encoderOf(null);

    anyone.send("GET", "/health", null, null, "X-Request-Id", "req-text-1");

    String line = new String(text.encode(eventFor("req-text-1")), StandardCharsets.UTF_8);
    assertThat(line).contains("[req-text-1] GET /health 200 ").endsWith(" ms\n");
  }

  @Test
  void unmatchedPathsAreLoggedAsNotFound() {
    anyone.send("GET", "/nowhere/12345?secret=x", null, null, "X-Request-Id", "req-404-1");

    assertThat(eventFor("req-404-1").getFormattedMessage()).startsWith("GET NOT_FOUND 404 ").doesNotContain("12345", "secret");
  }

  private ILoggingEvent eventFor(String requestId) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<ILoggingEvent> events = List.copyOf(captured.list);
      for (ILoggingEvent e : events) if (requestId.equals(e.getMDCPropertyMap().get(RequestLog.MDC_KEY))) return e;
      Thread.onSpinWait();
    }
    throw new AssertionError("no request log line for " + requestId);
  }

  /** The encoder that logback.xml gives the root logger with LONGHAND_LOG_FORMAT set to {@code format}. */
  @SuppressWarnings("unchecked")
  private static Encoder<ILoggingEvent> encoderOf(String format) {
    LoggerContext context = new LoggerContext();
    if (format != null) context.putProperty("LONGHAND_LOG_FORMAT", format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(RequestLogTest.class.getResource("/logback.xml"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    assertThat(appenders.hasNext()).isTrue();
    var appender = (OutputStreamAppender<ILoggingEvent>) appenders.next();
    assertThat(appender.getName()).isEqualTo(format == null ? "text" : format);
    return appender.getEncoder();
  }

}
