package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Ports on this machine's loopback addresses ({@code localhost}, or one of 127.0.0.x for the parts
 * of a cluster): which are free, and which accept connections.
 */
final class Ports {
  private Ports() {}

  /**
   * The port if nothing listens on it, or any free one for 0; otherwise fails with a message that
   * tells how to choose another one.
   */
  static int free(int port, String what, String variable) {
    return free("localhost", port, what, variable);
  }

  /** {@link #free(int, String, String)} on one loopback address. */
  static int free(String host, int port, String what, String variable) {
    try (ServerSocket socket = new ServerSocket(port, 1, address(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Port "
              + port
              + " for "
              + what
              + " is in use. Stop what uses it, or choose another port with "
              + variable
              + "=<port>.");
    }
  }

  /** Some port that is free now. */
  static int any() {
    return any("localhost");
  }

  /** Some port that is free now on this loopback address. */
  static int any(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, address(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  /** Whether something listens on the port. */
  static boolean accepting(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address(host), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress address(String host) throws UnknownHostException {
    return "localhost".equals(host)
        ? InetAddress.getLoopbackAddress()
        : InetAddress.getByName(host);
  }
}
