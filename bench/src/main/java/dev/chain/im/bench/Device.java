package dev.chain.im.bench;

import dev.chain.im.client.ImClient;

/** One device of a user: its client and the log of what it applied. */
record Device(String userId, ImClient client, DeviceLog log) {}
