package dev.chain.im.bench;

/** The sizes of conversation the latencies are reported by; the labels are the report's keys. */
enum ConversationSize {
  ONE_TO_ONE("1:1"),
  GROUP_OF_10("group10"),
  GROUP_OF_100("group100"),
  LARGE("large");

  final String label;

  ConversationSize(String label) {
    this.label = label;
  }
}
