package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.e2e.TraceReceiver.ReceivedSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One trace spans both services: the REST send in message-service, and the push of each of its
 * Kafka records in push-gateway, which joins the trace through the record's headers.
 */
class TracingTest extends StackTestBase {

  @Test
  void aSendAndThePushOfItsRecordsAreOneTrace() throws InterruptedException {
    String alice = id("alice"), bob = id("bob");
    Device bobDevice = connect(bob);
    String conversation = id("traced");
    await(api(alice).createConversation(conversation, List.of(bob), null, null));

    send(api(alice), conversation, "follow me");
    assertHoldsItsChain(bobDevice);

    TraceReceiver traces = SharedStack.traces();
    List<ReceivedSpan> trace = List.of();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      trace = sendTrace(traces.spans(), conversation);
      if (trace.stream().filter(TracingTest::isPush).count() >= 2) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(traces.failures()).as("exports the receiver could not read").isEmpty();
    assertThat(trace)
        .as(
            "spans of the send's trace, among %s",
            traces.spans().stream()
                .map(span -> span.service() + " " + span.name())
                .distinct()
                .toList())
        .isNotEmpty();
    List<ReceivedSpan> pushes = trace.stream().filter(TracingTest::isPush).toList();
    assertThat(pushes)
        .as("one push per member's record, each a child in the send's trace")
        .hasSize(2)
        .allSatisfy(push -> assertThat(push.parentSpanId()).isNotEmpty());
    // Bob's record went to his one device; Alice, the sender, had none open.
    assertThat(pushes)
        .extracting(push -> push.attributes().get("im.push.frames"))
        .containsExactlyInAnyOrder("1", null);
  }

  private static boolean isPush(ReceivedSpan span) {
    return span.service().equals("push-gateway") && span.name().equals("push im.deliveries");
  }

  /** Every span, of either service, of the trace of the send to this conversation. */
  private static List<ReceivedSpan> sendTrace(List<ReceivedSpan> spans, String conversation) {
    String path = "/v1/conversations/" + conversation + "/messages";
    return spans.stream()
        .filter(
            span ->
                span.service().equals("message-service")
                    && span.name().startsWith("POST")
                    && path.equals(span.attributes().get("url.path")))
        .findFirst()
        .map(send -> spans.stream().filter(span -> span.traceId().equals(send.traceId())).toList())
        .orElse(List.of());
  }
}
