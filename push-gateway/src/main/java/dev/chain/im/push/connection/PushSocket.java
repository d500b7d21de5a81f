package dev.chain.im.push.connection;

import dev.chain.im.protocol.push.PushEndpoint;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code /v1/ws}: one connection per device. The upgrade is authenticated by {@link
 * dev.chain.im.push.auth.TokenUpgradeCheck}; the first frame is {@code hello}, then one {@code
 * entry} frame per entry written on the user's chain. The gateway reads nothing from clients.
 */
@WebSocket(path = PushEndpoint.PATH)
public class PushSocket {
  private final Connections connections;

  public PushSocket(Connections connections) {
    this.connections = connections;
  }

  @OnOpen
  @NonBlocking
  public void onOpen(WebSocketConnection connection) {
    connections.opened(connection);
  }

  @OnClose
  @NonBlocking
  public void onClose(WebSocketConnection connection) {
    connections.closed(connection);
  }
}
