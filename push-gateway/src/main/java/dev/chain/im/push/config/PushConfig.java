package dev.chain.im.push.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every limit and switch of push-gateway, under the {@code im.push.} prefix. */
@ConfigMapping(prefix = "im.push")
public interface PushConfig {

  /**
   * Most frames a connection may have written but not yet handed to its socket. A device that reads
   * slower than its entries arrive passes it and is closed with 1013, then reconnects and pulls.
   * Default 1000.
   */
  @WithDefault("1000")
  int maxPendingFrames();

  /**
   * How long a connection the gateway closes (too slow, token expired) may take to complete its
   * close handshake before its TCP connection is dropped. A device that reads nothing never takes
   * its close frame, so this bounds how long its queued frames stay in memory. Default 10 seconds.
   */
  @WithDefault("PT10S")
  Duration closeTimeout();

  /**
   * Whether the upgrade request may carry the token as {@code ?access_token=…} (for browsers),
   * besides the {@code Authorization} header and the subprotocol carrier. Default true.
   */
  @WithDefault("true")
  boolean accessTokenQueryEnabled();

  /**
   * Whether a connection is closed with 1008 when its token expires, so a device pushes only while
   * its token is valid; it reconnects with a fresh token. Default true.
   */
  @WithDefault("true")
  boolean closeOnTokenExpiry();
}
