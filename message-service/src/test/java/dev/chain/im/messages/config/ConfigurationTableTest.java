package dev.chain.im.messages.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chain.im.testsupport.ConfigurationTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table names exactly the keys this service reads. */
class ConfigurationTableTest {
  private static final Path README = Path.of("../README.md");

  @Test
  void everyDocumentedKeyIsReadAndEveryKeyOfOursIsDocumented() {
    List<String> documented = ConfigurationTable.documentedKeys(README);

    assertThat(
            ConfigurationTable.readKeys(
                "im", ImConfig.class, Path.of("src/main/resources/application.properties")))
        .as("keys the service reads")
        .containsAll(documented);
    assertThat(documented)
        .as("keys in %s", README)
        .containsAll(ConfigurationTable.mappingKeys("im", ImConfig.class));
  }
}
