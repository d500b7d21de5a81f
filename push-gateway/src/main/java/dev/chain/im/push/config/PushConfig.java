package dev.chain.im.push.config;

import dev.chain.im.protocol.push.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every limit and switch of push-gateway, under the {@code im.push.} prefix. */
@ConfigMapping(prefix = "im.push")
public interface PushConfig {

  /**
   * The WebSocket URL clients use to reach this gateway. It is advertised as the Kafka consumer's
   * client id, where {@code GET /v1/route} of message-service reads which gateway serves a user.
   * Default {@code ws://localhost:<quarkus.http.port>/v1/ws}, set in application.properties.
   */
  String publicUrl();

  /**
   * Most frames a connection may have written but not yet handed to its socket. A device that reads
   * slower than its entries arrive passes it and is closed with 1013, then reconnects and pulls.
   * Default 1000.
   */
  @WithDefault("1000")
  int maxPendingFrames();

  /**
   * Most bytes of frames a connection may have written but not yet handed to its socket; past it
   * the connection is closed with 1013 like one past {@link #maxPendingFrames}. Default 4 MiB.
   */
  @WithDefault("4194304")
  long maxPendingBytes();

  /**
   * Most open connections of one user on this gateway; one more upgrade is answered 429, and the
   * client retries with back-off. Default 10.
   */
  @WithDefault("10")
  int maxConnectionsPerUser();

  /**
   * How long a device that took the gateway's close frame (too slow, token expired) may take to
   * answer it before its TCP connection is dropped. Whole seconds. Default 10 seconds.
   */
  @WithDefault("PT10S")
  Duration closeTimeout();

  /**
   * How long a socket may go without finishing a single write before its TCP connection is dropped:
   * a device that reads nothing never takes its frames, nor its close frame, so this bounds how
   * long they stay in memory. Keep it above twice {@link #pingInterval}, whose pings give a quiet
   * healthy socket a write to finish. Default 75 seconds.
   */
  @WithDefault("PT75S")
  Duration stalledWriteTimeout();

  /** How often every connection is pinged (keep-alive). Default 30 seconds. */
  @WithDefault("PT30S")
  Duration pingInterval();

  /**
   * Whether the upgrade accepts {@code permessage-deflate}, which browsers offer. On, every
   * connection keeps a zlib compressor of its own (~100 KB resident) and every frame is compressed
   * on the event loop, about twice the CPU per frame for frames of a few hundred bytes
   * (docs/benchmarks.md). Default false.
   */
  @WithDefault("false")
  boolean perMessageCompression();

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

  /**
   * Whether a message entry consumed while its user has no open connection here is published as an
   * offline notification on {@link #notificationsTopic()}. Default true.
   */
  @WithDefault("true")
  boolean notificationsEnabled();

  /** The topic of offline notifications. Default im.notifications. */
  @WithDefault(Topics.NOTIFICATIONS)
  String notificationsTopic();

  /**
   * How often the notifications decided, and the positions they were decided up to, are committed
   * in one Kafka transaction: a notification is published at most this late, and pushes never wait
   * for it. Default 100 ms.
   */
  @WithDefault("PT0.1S")
  Duration notificationCommitInterval();

  /**
   * Most characters of a message's text that a notification carries as its preview. Default 100.
   */
  @WithDefault("100")
  int notificationPreviewLength();

  /**
   * The topic of ephemeral frames ({@code typing}, {@code receipt}), read for the partitions this
   * gateway serves. Default im.signals.
   */
  @WithDefault(Topics.SIGNALS)
  String signalsTopic();

  /** The compacted topic of who is online, written for the users this gateway serves. */
  @WithDefault(Topics.PRESENCE)
  String presenceTopic();

  /**
   * How long after taking over a partition the gateway waits for that partition's users to
   * reconnect before it records as offline those shown online (by a gateway that died or handed
   * them over) who did not. Default 10 s.
   */
  @WithDefault("PT10S")
  Duration presenceGrace();
}
