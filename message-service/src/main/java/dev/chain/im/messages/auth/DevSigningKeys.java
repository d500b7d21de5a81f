package dev.chain.im.messages.auth;

import dev.chain.im.messages.config.ImConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The demo's token signing key pair, made on first start in {@code
 * im.auth.dev-tokens.keys-directory} and kept there, so that no key ships in the artifact: every
 * demo deployment signs with a key of its own. push-gateway trusts the public half.
 */
@ApplicationScoped
public class DevSigningKeys {
  private static final Logger LOG = Logger.getLogger(DevSigningKeys.class);
  static final String PRIVATE_KEY = "private.pem";
  static final String PUBLIC_KEY = "public.pem";

  void generateIfMissing(@Observes @Priority(1) StartupEvent event, ImConfig config) {
    config.auth().devTokens().keysDirectory().map(Path::of).ifPresent(DevSigningKeys::ensure);
  }

  static void ensure(Path directory) {
    Path privateKey = directory.resolve(PRIVATE_KEY);
    if (Files.exists(privateKey)) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(directory);
      write(directory.resolve(PUBLIC_KEY), "PUBLIC KEY", pair.getPublic().getEncoded());
      write(privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded());
      try {
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        LOG.debugf("Cannot restrict %s to its owner on this file system", privateKey);
      }
      LOG.infof("Generated the demo's token signing key pair in %s", directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the demo's signing keys in " + directory, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  private static void write(Path file, String type, byte[] der) throws IOException {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
