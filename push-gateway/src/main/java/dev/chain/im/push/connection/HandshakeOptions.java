package dev.chain.im.push.connection;

import dev.chain.im.protocol.push.PushEndpoint;
import dev.chain.im.push.config.PushConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the upgrade's answer agrees to: the {@link PushEndpoint#TOKEN_SUBPROTOCOL} subprotocol when
 * the client offers it, and no compression unless {@code im.push.per-message-compression} (Vert.x
 * accepts both deflate extensions by default; browsers offer {@code permessage-deflate}).
 */
@ApplicationScoped
public class HandshakeOptions implements HttpServerOptionsCustomizer {
  private final PushConfig config;

  public HandshakeOptions(PushConfig config) {
    this.config = config;
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setWebSocketSubProtocols(List.of(PushEndpoint.TOKEN_SUBPROTOCOL));
    options.setPerMessageWebSocketCompressionSupported(config.perMessageCompression());
    options.setPerFrameWebSocketCompressionSupported(false);
  }
}
