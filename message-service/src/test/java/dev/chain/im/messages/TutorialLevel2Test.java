package dev.chain.im.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Level 2 table: conversation 1 is A, B and C; conversation 2 is B and C;
 * conversation 3 is A and D. Messages 1-5 and 9-10 go to conversation 1, 6-8 to conversation 2,
 * 11-15 to conversation 3. Each user's chain holds exactly the ticked messages, in order.
 */
@QuarkusTest
class TutorialLevel2Test extends ApiTestBase {

  @Test
  void eachUserChainHoldsExactlyTheMessagesSentWhileAMember() {
    String a = id("A"), b = id("B"), c = id("C"), d = id("D");
    String c1 = id("conv1"), c2 = id("conv2"), c3 = id("conv3");
    create(a, c1, Map.of("members", List.of(b, c)));
    create(b, c2, Map.of("members", List.of(c)));
    create(a, c3, Map.of("members", List.of(d)));

    for (int n = 1; n <= 15; n++) {
      String conversation = n <= 5 || n == 9 || n == 10 ? c1 : n <= 8 ? c2 : c3;
      String sender = conversation.equals(c1) ? a : conversation.equals(c2) ? b : d;
      send(sender, conversation, "m" + n);
    }

    assertThat(chainTexts(a))
        .containsExactlyElementsOf(texts(1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15));
    assertThat(chainTexts(b)).containsExactlyElementsOf(texts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(chainTexts(c)).containsExactlyElementsOf(texts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(chainTexts(d)).containsExactlyElementsOf(texts(11, 12, 13, 14, 15));
  }

  @Test
  void userChainsAreGaplessFromOne() {
    String a = id("A"), b = id("B");
    String conversation = id("pair");
    create(a, conversation, Map.of("members", List.of(b)));
    IntStream.rangeClosed(1, 20).forEach(n -> send(n % 2 == 0 ? a : b, conversation, "t" + n));

    List<Map<String, Object>> chain = chain(a);
    assertThat(chain)
        .extracting(entry -> ((Number) entry.get("seq")).longValue())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, chain.size()).mapToObj(Long::valueOf).toList());
    assertThat(chain.get(0)).containsEntry("kind", "membership").containsEntry("change", "joined");
    assertThat(chain).hasSize(21);
  }

  private static List<String> texts(int... numbers) {
    return IntStream.of(numbers).mapToObj(n -> "m" + n).toList();
  }
}
