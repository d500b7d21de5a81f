package dev.chain.im.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether containers can be started here; decides between Testcontainers and in-process parts. */
public final class Docker {
  private static Boolean available;

  private Docker() {}

  public static synchronized boolean available() {
    if (available == null) {
      available = !"false".equals(System.getenv("IM_TEST_DOCKER")) && probe();
    }
    return available;
  }

  private static boolean probe() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
