package dev.chain.im.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No signing key ships in the packaged services: the demo makes its own pair on first start, in its
 * data folder, and the tokens it signs are the ones every other end-to-end test uses.
 */
class DemoKeysTest extends StackTestBase {
  private static final Path ROOT =
      Path.of(System.getProperty("im.project.root", "..")).toAbsolutePath().normalize();

  @Test
  void theDemoSignsWithAKeyPairItMadeInItsDataFolder() {
    Path keys = stack.dataDirectory().resolve("keys");
    assertThat(keys.resolve("private.pem")).isRegularFile();
    assertThat(keys.resolve("public.pem")).isRegularFile();
    assertThat(head(id("fresh"))).as("a fresh user's chain, pulled with a demo token").isZero();
  }

  @Test
  void thePackagedServicesCarryNoKey() {
    for (String service : List.of("message-service", "push-gateway")) {
      assertThat(pemEntries(ROOT.resolve(service).resolve("target/quarkus-app")))
          .as("key files in the packaged %s", service)
          .isEmpty();
    }
  }

  private static List<String> pemEntries(Path app) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(app)) {
      for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
        try (JarFile opened = new JarFile(jar.toFile())) {
          opened.stream()
              .filter(entry -> entry.getName().endsWith(".pem"))
              .forEach(entry -> found.add(jar.getFileName() + "!" + entry.getName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
