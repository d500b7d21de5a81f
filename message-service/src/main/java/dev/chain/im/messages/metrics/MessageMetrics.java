package dev.chain.im.messages.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * What message-service did, for operators: sends (stored, or answered again for a retry) and how
 * long they took, the other writes by kind, and Kafka's refusals of deliveries. The publish backlog
 * is gauged apart ({@code PublishBacklogGauges}); HTTP metrics come from Quarkus.
 */
@ApplicationScoped
public class MessageMetrics {
  private final Counter sendsStored;
  private final Counter sendsRepeated;
  private final Timer sendTime;
  private final DistributionSummary sendBatches;
  private final Counter entriesWritten;
  private final Counter reads;
  private final Counter recalls;
  private final Counter deletes;
  private final Counter edits;
  private final Counter reactions;
  private final Counter publishRefused;
  private final Counter publishRetried;

  public MessageMetrics(MeterRegistry registry) {
    sendsStored = sends(registry, "stored", "Sends that stored a new message");
    sendsRepeated =
        sends(registry, "repeated", "Sends answered with the first result of their clientMsgId");
    sendTime =
        Timer.builder("im.messages.send.duration")
            .description("From a send's arrival to its answer: checks, the transaction, hand-over")
            .publishPercentileHistogram()
            .register(registry);
    sendBatches =
        DistributionSummary.builder("im.messages.send.batch.size")
            .description("Sends carried by one database statement (more than one under load)")
            .register(registry);
    entriesWritten =
        Counter.builder("im.chain.entries.written")
            .description("Entries written on user chains (one per member for a message)")
            .register(registry);
    reads = writes(registry, "read", "Read marks that moved a read position");
    recalls = writes(registry, "recall", "Messages recalled");
    deletes = writes(registry, "delete", "Messages deleted for one member");
    edits = writes(registry, "edit", "Messages edited");
    reactions = writes(registry, "reaction", "Reactions added or taken back");
    publishRefused =
        Counter.builder("im.publish.refused")
            .description("Deliveries Kafka refused; each is sent again from the chain")
            .register(registry);
    publishRetried =
        Counter.builder("im.publish.retried")
            .description("Users whose refused deliveries were sent again once Kafka answered")
            .register(registry);
  }

  private static Counter sends(MeterRegistry registry, String outcome, String description) {
    return Counter.builder("im.messages.sends")
        .tag("outcome", outcome)
        .description(description)
        .register(registry);
  }

  private static Counter writes(MeterRegistry registry, String kind, String description) {
    return Counter.builder("im.messages.writes")
        .tag("kind", kind)
        .description(description)
        .register(registry);
  }

  /** A send answered after {@code nanos}; {@code stored} false for a retry's repeated answer. */
  public void sent(boolean stored, long nanos) {
    (stored ? sendsStored : sendsRepeated).increment();
    sendTime.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One statement of {@code sends} sends went to the database. */
  public void sendBatch(int sends) {
    sendBatches.record(sends);
  }

  public void entriesWritten(int entries) {
    entriesWritten.increment(entries);
  }

  public void read() {
    reads.increment();
  }

  public void recalled() {
    recalls.increment();
  }

  public void deleted() {
    deletes.increment();
  }

  public void edited() {
    edits.increment();
  }

  public void reacted() {
    reactions.increment();
  }

  public void publishRefused() {
    publishRefused.increment();
  }

  public void publishRetried(int users) {
    publishRetried.increment(users);
  }
}
