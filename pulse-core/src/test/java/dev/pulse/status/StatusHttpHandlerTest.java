package dev.pulse.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class StatusHttpHandlerTest {
  /** A response read with java.base alone (the test is patched into dev.pulse.core). */
  private record Reply(int status, String contentType, String cacheControl, String body) {}

  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StatusHandler handler =
        StatusHandler.builder()
            .pipelines(StatusHandlerTest::fleet)
            .metrics("text/plain; version=0.0.4; charset=utf-8", () -> "pulse_up 1\n")
            .build();
    server.createContext("/", new StatusHttpHandler(handler));
    server.createContext("/pulse", new StatusHttpHandler(handler));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Reply request(String method, String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    connection.setRequestMethod(method);
    try {
      int status = connection.getResponseCode();
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Reply(
          status, connection.getContentType(), connection.getHeaderField("Cache-Control"), body);
    } finally {
      connection.disconnect();
    }
  }

  private Reply get(String path) throws IOException {
    return request("GET", path);
  }

  @Test
  void server_servesStatusJsonWithFiltersOverHttp() throws Exception {
    Reply response = get("/status?health=ERROR&selector=team%3Dcore");

    assertEquals(200, response.status());
    assertEquals(StatusHandler.JSON, response.contentType());
    assertEquals("no-store", response.cacheControl());
    assertEquals(
        "jira:project:B",
        new ObjectMapper()
            .readTree(response.body())
            .at("/pipelines/0/sources/0/scopes/0/scope")
            .asText());
  }

  @Test
  void server_servesThePageAndMetricsAndErrorsUnderAPrefixToo() throws Exception {
    Reply page = get("/pulse/");
    assertEquals(200, page.status());
    assertTrue(page.body().startsWith("<!DOCTYPE html>"), page.body());
    assertEquals(StatusHandler.HTML, page.contentType());
    assertEquals("pulse_up 1\n", get("/pulse/metrics").body());
    Reply bad = get("/status?health=GREEN");
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("\"INVALID_CONFIG\""), bad.body());
    assertEquals(404, get("/elsewhere").status());
    Reply head = request("HEAD", "/status");
    assertEquals(200, head.status());
    assertEquals("", head.body());
  }
}
