package dev.chain.im.push.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.testsupport.ConfigurationTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The README's configuration table names exactly the keys this service reads. */
class ConfigurationTableTest {
  private static final Path README = Path.of("README.md");

  @Test
  void everyDocumentedKeyIsReadAndEveryKeyOfOursIsDocumented() throws IOException {
    Set<String> ours = ConfigurationTable.mappingKeys("im.push", PushConfig.class);
    Set<String> read = new TreeSet<>(ours);
    for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        String key = line.substring(0, line.indexOf('='));
        read.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
      }
    }
    List<String> documented = ConfigurationTable.documentedKeys(README);

    assertThat(read).as("keys the service reads").containsAll(documented);
    assertThat(documented).as("keys in %s", README).containsAll(ours);
  }
}
