package dev.chain.im.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for message-service and push-gateway, for testing the client's I/O: one user's chain
 * in memory, {@code /v1/sync}, dev tokens, sends to one conversation, and a bare RFC 6455 WebSocket
 * endpoint that pushes what the test tells it to.
 */
final class FakeImServer implements AutoCloseable {
  static final String USER = "alice";
  static final String GOOD_TOKEN = token(USER);

  private final ObjectMapper mapper = ImTransport.newMapper();
  private final HttpServer http;
  private final ServerSocket wsServer;
  private final Thread acceptor;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger syncCalls = new AtomicInteger();
  private final Map<String, JsonNode> sent = new HashMap<>();
  private volatile boolean closed;
  private volatile boolean answerPings = true;

  // The user's chain, guarded by this.
  private final List<ObjectNode> chain = new ArrayList<>();
  private String epoch = "e1";

  FakeImServer() throws IOException {
    // Without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms each.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    http = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
    http.createContext("/", this::handle);
    http.start();
    wsServer = new ServerSocket(0, 16, loopback);
    acceptor = new Thread(this::accept, "fake-ws-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  ClientOptions options() {
    return ClientOptions.of(
            "http://127.0.0.1:" + http.getAddress().getPort(),
            "ws://127.0.0.1:" + wsServer.getLocalPort() + "/v1/ws")
        .withReconnect(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50))
        .withIoThreads(2)
        .withPingInterval(java.time.Duration.ofMillis(250));
  }

  /** A JWT-shaped token with subject {@code user} (unsigned: the fake checks it by value). */
  static String token(String user) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(("{\"sub\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  int handshakes() {
    return handshakes.get();
  }

  int syncCalls() {
    return syncCalls.get();
  }

  /** Appends a message entry to the chain without pushing it; returns its seq. */
  synchronized long append() {
    long seq = chain.size() + 1;
    ObjectNode entry = mapper.createObjectNode();
    entry.put("seq", seq).put("kind", "message").put("conversationId", "c1");
    entry.put("somethingNew", "ignored");
    ObjectNode message = entry.putObject("message");
    message
        .put("id", "m-" + seq)
        .put("conversationId", "c1")
        .put("seq", seq)
        .put("senderId", "bob")
        .put("clientMsgId", "c-" + seq)
        .put("sentAt", "2026-11-26T12:15:06.123Z")
        .put("state", "normal");
    message.putObject("content").put("text", "hi " + seq);
    chain.add(entry);
    return seq;
  }

  /** Appends an entry and pushes it to every open WebSocket; returns its seq. */
  long appendAndPush() {
    long seq = append();
    push(seq);
    return seq;
  }

  /** Pushes the chain's entry {@code seq} to every open WebSocket. */
  void push(long seq) {
    String frame;
    synchronized (this) {
      ObjectNode node = mapper.createObjectNode();
      node.put("type", "entry").put("epoch", epoch).put("seq", seq).put("prevSeq", seq - 1);
      node.set("entry", chain.get((int) seq - 1));
      node.put("userId", USER);
      frame = node.toString();
    }
    for (Socket socket : sockets) {
      try {
        writeFrame(socket, 0x1, frame.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        sockets.remove(socket);
      }
    }
  }

  /** Cuts every open WebSocket without a close handshake. */
  void dropConnections() throws IOException {
    for (Socket socket : sockets) {
      sockets.remove(socket);
      socket.close();
    }
  }

  /** Whether WebSocket pings are answered: off, the server looks dead to the client. */
  void answerPings(boolean answer) {
    answerPings = answer;
  }

  int openConnections() {
    return sockets.size();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    http.stop(0);
    wsServer.close();
    dropConnections();
  }

  // ---------------------------------------------------------------- REST

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (method.equals("POST") && path.equals("/v1/dev/tokens")) {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        respond(exchange, 200, "{\"token\":\"" + token(body.path("userId").asText()) + "\"}");
        return;
      }
      if (!("Bearer " + GOOD_TOKEN)
          .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        problem(exchange, 401, "Unauthorized", "No or bad token.");
        return;
      }
      if (method.equals("GET") && path.equals("/v1/sync")) {
        syncCalls.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        respond(
            exchange,
            200,
            page(Long.parseLong(query.get("after")), Integer.parseInt(query.get("limit"))));
        return;
      }
      if (method.equals("POST") && path.equals("/v1/conversations/c1/messages")) {
        JsonNode body = mapper.readTree(exchange.getRequestBody());
        String clientMsgId = body.path("clientMsgId").asText();
        boolean created;
        JsonNode message;
        synchronized (this) {
          created = !sent.containsKey(clientMsgId);
          if (created) {
            ObjectNode m = mapper.createObjectNode();
            m.put("id", "m-" + (sent.size() + 1)).put("conversationId", "c1");
            m.put("seq", sent.size() + 1).put("senderId", USER).put("clientMsgId", clientMsgId);
            m.put("sentAt", "2026-11-26T12:15:06.123Z").put("state", "normal");
            m.set("content", body.path("content"));
            sent.put(clientMsgId, m);
          }
          message = sent.get(clientMsgId);
        }
        respond(exchange, created ? 201 : 200, "{\"message\":" + message + "}");
        return;
      }
      if (method.equals("DELETE") && path.equals("/v1/conversations/c1/messages/1")) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (path.startsWith("/v1/conversations/secret")) {
        problem(exchange, 403, "Forbidden", "Members only.");
        return;
      }
      problem(exchange, 404, "Not Found", "No such thing: " + path);
    }
  }

  private synchronized String page(long after, int limit) {
    ObjectNode page = mapper.createObjectNode();
    page.put("epoch", epoch);
    ArrayNode entries = page.putArray("entries");
    long head = chain.size();
    long last = Math.min(head, after + limit);
    for (long seq = after + 1; seq <= last; seq++) {
      entries.add(chain.get((int) seq - 1));
    }
    page.put("headSeq", head).put("hasMore", last < head);
    return page.toString();
  }

  private void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    byte[] bytes =
        mapper
            .writeValueAsString(
                Map.of("type", "about:blank", "title", title, "status", status, "detail", detail))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return query;
  }

  // ---------------------------------------------------------------- WebSocket

  private void accept() {
    while (!closed) {
      try {
        Socket socket = wsServer.accept();
        socket.setTcpNoDelay(true);
        Thread reader = new Thread(() -> serve(socket), "fake-ws-connection");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      Map<String, String> headers = readRequestHeaders(in);
      OutputStream out = socket.getOutputStream();
      if (!("Bearer " + GOOD_TOKEN).equals(headers.get("authorization"))) {
        out.write(
            "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (headers.get("sec-websocket-key")
                                  + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      handshakes.incrementAndGet();
      writeFrame(
          socket,
          0x1,
          ("{\"type\":\"hello\",\"userId\":\"" + USER + "\"}").getBytes(StandardCharsets.UTF_8));
      sockets.add(socket);
      readFrames(socket, in);
    } catch (Exception e) {
      // the connection is gone
    } finally {
      sockets.remove(socket);
    }
  }

  private static Map<String, String> readRequestHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII).trim();
        line.reset();
        if (text.isEmpty()) {
          return headers;
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
          headers.put(
              text.substring(0, colon).trim().toLowerCase(), text.substring(colon + 1).trim());
        }
      } else {
        line.write(b);
      }
    }
    throw new IOException("connection closed during the handshake");
  }

  private void readFrames(Socket socket, DataInputStream in) throws IOException {
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((b1 & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      int opcode = b0 & 0x0f;
      if (opcode == 0x8) {
        sockets.remove(socket);
        writeFrame(socket, 0x8, payload);
        return;
      } else if (opcode == 0x9 && answerPings) {
        writeFrame(socket, 0xA, payload);
      }
    }
  }

  private static void writeFrame(Socket socket, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length < 65_536) {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    frame.write(payload, 0, payload.length);
    synchronized (socket) {
      OutputStream out = socket.getOutputStream();
      out.write(frame.toByteArray());
      out.flush();
    }
  }
}
