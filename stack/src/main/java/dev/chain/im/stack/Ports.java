package dev.chain.im.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on this machine's loopback address: which are free, and which accept connections. */
final class Ports {
  private Ports() {}

  /**
   * The port if nothing listens on it, or any free one for 0; otherwise fails with a message that
   * tells how to choose another one.
   */
  static int free(int port, String what, String variable) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
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
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Whether something listens on the port. */
  static boolean accepting(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
