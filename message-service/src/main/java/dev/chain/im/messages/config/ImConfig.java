package dev.chain.im.messages.config;

import dev.chain.im.protocol.push.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every limit and switch of message-service, under the {@code im.} prefix. */
@ConfigMapping(prefix = "im")
public interface ImConfig {

  Limits limits();

  Recall recall();

  Edit edit();

  Reactions reactions();

  Typing typing();

  Receipts receipts();

  Signals signals();

  Presence presence();

  Conversations conversations();

  RateLimits rateLimits();

  Auth auth();

  Delivery delivery();

  Sends sends();

  Web web();

  Route route();

  interface Limits {
    /** Largest message content, serialized as JSON, in bytes. Default 16384 (16 KiB). */
    @WithDefault("16384")
    int contentBytes();

    /**
     * Deepest nesting of objects and arrays in message content, the content object itself being 1.
     * Default 20: content nested deeper breaks clients whose parsers have default limits.
     */
    @WithDefault("20")
    int contentDepth();

    /**
     * Most requests waiting for a database connection; one more is answered 503 with {@code
     * Retry-After} at once. Default 256.
     */
    @WithDefault("256")
    int databaseWaitQueue();

    /** Longest {@code clientMsgId}. Default 128. */
    @WithDefault("128")
    int clientMsgIdLength();

    /** Page size when a pull names none. Default 50. */
    @WithDefault("50")
    int defaultPageSize();

    /** Largest page a pull may ask for. Default 500. */
    @WithDefault("500")
    int maxPageSize();

    /** Most members a create request may name. Default 10000. */
    @WithDefault("10000")
    int createMembers();

    /** Most users one message may mention in {@code content.mentions}. Default 50. */
    @WithDefault("50")
    int mentions();
  }

  /** Writes each user may make, as token buckets that refill over a minute; 0 turns one off. */
  interface RateLimits {
    /** Sends per user and minute. Default 120. */
    @WithDefault("120")
    int sendsPerMinute();

    /** Conversations one user may create per minute. Default 30. */
    @WithDefault("30")
    int createsPerMinute();

    /** Joins, adds, leaves and removals per user and minute. Default 120. */
    @WithDefault("120")
    int membershipChangesPerMinute();

    /** Read marks per user and minute. Default 600. */
    @WithDefault("600")
    int readMarksPerMinute();

    /** Edits per user and minute. Default 60. */
    @WithDefault("60")
    int editsPerMinute();

    /** Reactions added or removed per user and minute. Default 120. */
    @WithDefault("120")
    int reactionsPerMinute();

    /** Typing calls per user and minute. Default 120. */
    @WithDefault("120")
    int typingPerMinute();

    /** Changes of one's own conversation settings (mute) per user and minute. Default 60. */
    @WithDefault("60")
    int settingsChangesPerMinute();

    /** Users whose buckets are kept; past it every bucket starts full again. Default 100000. */
    @WithDefault("100000")
    int users();
  }

  interface Conversations {
    /**
     * Whether a self-join of an unknown id creates an open conversation owned by the joiner, as in
     * the tutorial's demo. Then the first to guess an id owns it. Off by default; on in the demo.
     */
    @WithDefault("false")
    boolean createOnJoin();
  }

  interface Recall {
    /** How long after sending its sender may recall a message. Default 2 minutes. */
    @WithDefault("PT2M")
    Duration window();
  }

  interface Edit {
    /** How long after sending its sender may edit a message. Default 15 minutes. */
    @WithDefault("PT15M")
    Duration window();
  }

  interface Reactions {
    /** Most distinct reactions on one message; one more is refused with 409. Default 50. */
    @WithDefault("50")
    int perMessage();
  }

  interface Typing {
    /** At most one typing signal per user and conversation is forwarded this often. Default 2 s. */
    @WithDefault("PT2S")
    Duration interval();

    /** How long after a typing signal its {@code expiresAt} lies. Default 6 s. */
    @WithDefault("PT6S")
    Duration expiresAfter();

    /**
     * (user, conversation) pairs whose last signal is kept; past it all start over. Default 100000.
     */
    @WithDefault("100000")
    int tracked();
  }

  interface Receipts {
    /**
     * Largest conversation whose members get a {@code receipt} frame when someone's read position
     * moves; in larger ones they pull {@code GET …/receipts}. Default 100.
     */
    @WithDefault("100")
    int pushMaxMembers();
  }

  interface Signals {
    /** The topic of ephemeral frames, with as many partitions as the deliveries topic. */
    @WithDefault(Topics.SIGNALS)
    String topic();

    /**
     * Signals waiting for Kafka; past it a new one is dropped (they are ephemeral). Default 10000.
     */
    @WithDefault("10000")
    int maxQueued();
  }

  interface Presence {
    /** The compacted topic of who is online, as the gateways write it. Default im.presence. */
    @WithDefault(Topics.PRESENCE)
    String topic();

    /** Most users one {@code GET /v1/presence} may ask about. Default 100. */
    @WithDefault("100")
    int maxUsers();
  }

  interface Auth {
    DevTokens devTokens();

    /**
     * How many verified tokens are remembered (about 2 KB each with their claims), so that a
     * client's next request skips the signature check; 0 turns it off. Default 10000.
     */
    @WithDefault("10000")
    int verifiedTokens();

    interface DevTokens {
      /** Whether {@code POST /v1/dev/tokens} hands out tokens. Off unless a demo turns it on. */
      @WithDefault("false")
      boolean enabled();

      /** Lifetime of a dev token. Default 12 hours. */
      @WithDefault("PT12H")
      Duration lifetime();

      /** Issuer written into dev tokens; the verifier expects the same. */
      @WithDefault("im-dev")
      String issuer();

      /** Audience written into dev tokens; {@code mp.jwt.verify.audiences} expects it. */
      @WithDefault("im")
      String audience();

      /**
       * Where the demo's signing key pair ({@code private.pem}, {@code public.pem}) is generated on
       * first start and read on every later one; unset, none is generated. The {@code demo} profile
       * sets {@code data/keys}.
       */
      Optional<String> keysDirectory();
    }
  }

  interface Delivery {
    /** The Kafka topic that carries one record per user-chain entry. Default im.deliveries. */
    @WithDefault(Topics.DELIVERIES)
    String topic();

    /** Most users whose new entries one publishing round reads. Default 256. */
    @WithDefault("256")
    int batchUsers();

    /** Most entries one publishing round reads. Default 2000. */
    @WithDefault("2000")
    int batchEntries();

    /** Pause before publishing again after Kafka refused a record. Default 2 seconds. */
    @WithDefault("PT2S")
    Duration retryDelay();

    /** How often acknowledged positions are written back. Default 200 ms. */
    @WithDefault("PT0.2S")
    Duration positionFlushInterval();

    /**
     * How long a user's entries wait for an earlier one still on its way from another request
     * before the missing ones are read from the database. Default 20 ms.
     */
    @WithDefault("PT0.02S")
    Duration gapGrace();

    /** How often the whole store is checked for unpublished entries. Default 30 seconds. */
    @WithDefault("PT30S")
    Duration sweepInterval();

    /** Idle users whose publishing state is kept in memory before the oldest is dropped. */
    @WithDefault("100000")
    int idleLanes();

    /**
     * Most entries of one user kept in memory on their way to Kafka; more are read again from the
     * chain when their turn comes. A user whose records Kafka refuses keeps none. Default 1000.
     */
    @WithDefault("1000")
    int maxHeldPerUser();

    /**
     * Most records waiting for the producer's thread; past it a record is refused at once and
     * published again from the chain. Default 10000.
     */
    @WithDefault("10000")
    int maxQueuedRecords();

    /**
     * The consumer group through which message-service instances share the topic's partitions: each
     * instance publishes the entries of the users whose partitions it holds, so a user's entries
     * are published in order by one instance at a time. Default message-service-publishers.
     */
    @WithDefault("message-service-publishers")
    String publisherGroup();

    /**
     * How long an instance that gives up partitions waits for Kafka to acknowledge the records it
     * already handed over, and for their positions to be saved, before the next owner starts.
     * Default 15 seconds (above the producer's delivery.timeout.ms).
     */
    @WithDefault("PT15S")
    Duration handoverTimeout();

    /** How long a check that Kafka answers again may take. Default 5 seconds. */
    @WithDefault("PT5S")
    Duration probeTimeout();
  }

  interface Sends {
    /**
     * Most statements of sends in flight to the database at once. A send that arrives while that
     * many are running waits, and the next statement carries every send that waited (up to {@link
     * #batchSize}) in one transaction. Default 4.
     */
    @WithDefault("4")
    int inFlight();

    /** Most sends one statement carries. Default 64. */
    @WithDefault("64")
    int batchSize();
  }

  interface Web {
    /**
     * The push-gateway WebSocket URL that the chat page connects to. Unset: the page's own host on
     * port 8081, path {@code /v1/ws}.
     */
    Optional<String> gatewayUrl();
  }

  interface Route {
    /** The consumer group of the push-gateways, whose members serve the partitions they read. */
    @WithDefault("push-gateway")
    String gatewayGroup();

    /**
     * How long {@code GET /v1/route} answers from what it last read of the group before it asks
     * Kafka again. A user whose partition moved meanwhile is told the old gateway, which closes the
     * connection with 4001, and asks again. Default 1 second.
     */
    @WithDefault("PT1S")
    Duration refreshInterval();
  }
}
