package dev.chain.im.bench;

import dev.chain.im.client.ConnectionState;
import dev.chain.im.client.RestApi;
import java.util.List;
import java.util.Map;

/** Everyone taking part in a run: each user's REST API and devices, and their conversations. */
record Population(
    Map<String, RestApi> apis,
    List<Device> devices,
    Map<String, List<Device>> devicesByUser,
    List<Conversation> conversations) {

  RestApi api(String userId) {
    return apis.get(userId);
  }

  int connectedDevices() {
    return (int) devices.stream().filter(d -> d.log().state() == ConnectionState.CONNECTED).count();
  }

  void close() {
    closeAll(devices);
  }

  static void closeAll(List<Device> devices) {
    for (Device device : devices) {
      device.client().close();
    }
  }
}
