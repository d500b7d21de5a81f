package dev.chain.im.bench;

import dev.chain.im.client.AppliedEntry;
import dev.chain.im.protocol.conversation.SentMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Every message sent, by its client message id, and how its deliveries to the devices went: each
 * device's delivery is timed from the first send into {@link LoadMetrics}, and at the end the time
 * until the last device had it shows how fast a message reached everyone.
 */
final class DeliveryTracker implements DeviceLog.Deliveries {
  /** One sent message: when it was first sent, and its deliveries so far. */
  static final class SentMessage {
    final long sentAtNanos;
    final Conversation conversation;
    final boolean measured;
    private final AtomicLong slowestDeliveryNanos = new AtomicLong();
    private final AtomicInteger deliveries = new AtomicInteger();

    private SentMessage(long sentAtNanos, Conversation conversation, boolean measured) {
      this.sentAtNanos = sentAtNanos;
      this.conversation = conversation;
      this.measured = measured;
    }
  }

  private final Map<String, SentMessage> sent = new ConcurrentHashMap<>();
  private final LoadMetrics metrics;

  DeliveryTracker(LoadMetrics metrics) {
    this.metrics = metrics;
  }

  /** Starts tracking a message sent now; {@code measured} is false during the warm-up. */
  SentMessage sent(String clientMsgId, Conversation conversation, boolean measured) {
    SentMessage message = new SentMessage(System.nanoTime(), conversation, measured);
    sent.put(clientMsgId, message);
    return message;
  }

  @Override
  public void delivered(String clientMsgId, AppliedEntry applied) {
    SentMessage message = clientMsgId == null ? null : sent.get(clientMsgId);
    if (message == null || !message.measured) {
      return;
    }
    long latency = applied.receivedAtNanos() - message.sentAtNanos;
    message.deliveries.incrementAndGet();
    message.slowestDeliveryNanos.accumulateAndGet(latency, Math::max);
    if (applied.source() == AppliedEntry.Source.PUSH) {
      metrics.deliveredByPush(latency, message.conversation.size());
    } else {
      metrics.deliveredByPull();
    }
  }

  /** Per conversation size, the time until every device had a message; and the messages short. */
  Map<String, Object> fanOut(int devicesPerUser) {
    Histogram[] bySize = new Histogram[ConversationSize.values().length];
    long incomplete = 0;
    for (SentMessage message : sent.values()) {
      if (!message.measured) {
        continue;
      }
      int expected = message.conversation.members().size() * devicesPerUser;
      if (message.deliveries.get() >= expected) {
        int size = message.conversation.size().ordinal();
        if (bySize[size] == null) {
          bySize[size] = Hist.create();
        }
        bySize[size].recordValue(Hist.micros(message.slowestDeliveryNanos.get()));
      } else {
        incomplete++;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConversationSize size : ConversationSize.values()) {
      if (bySize[size.ordinal()] != null) {
        out.put(size.label, Hist.summary(bySize[size.ordinal()]));
      }
    }
    out.put("messagesNotOnEveryDevice", incomplete);
    return out;
  }
}
