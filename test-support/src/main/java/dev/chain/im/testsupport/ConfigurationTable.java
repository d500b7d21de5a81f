package dev.chain.im.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a README's table documents, and the keys a service defines, so that a test
 * can hold one against the other: a documented key that the service does not read would send an
 * operator the wrong way.
 */
public final class ConfigurationTable {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private ConfigurationTable() {}

  /**
   * The keys in the first column of the Markdown tables whose first column is headed {@code Key}. A
   * cell may name several keys ({@code `a`, `b`}); a name without a dot after another key replaces
   * that key's last part ({@code `im.limits.default-page-size` / `max-page-size`}).
   */
  public static List<String> documentedKeys(Path markdown) {
    List<String> keys = new ArrayList<>();
    boolean inTable = false;
    List<String> lines;
    try {
      lines = Files.readAllLines(markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : lines) {
      if (line.startsWith("| Key |")) {
        inTable = true;
        continue;
      }
      if (!line.startsWith("|")) {
        inTable = false;
        continue;
      }
      if (!inTable || line.startsWith("|---")) {
        continue;
      }
      String cell = line.substring(1, line.indexOf('|', 1));
      Matcher code = CODE.matcher(cell);
      String previous = null;
      while (code.find()) {
        String name = code.group(1);
        String key =
            name.contains(".") || previous == null
                ? name
                : previous.substring(0, previous.lastIndexOf('.') + 1) + name;
        keys.add(key);
        previous = key;
      }
    }
    return keys;
  }

  /**
   * The keys a service reads: those of its {@code @ConfigMapping} under {@code prefix}, and those
   * its {@code application.properties} sets (with any {@code %profile.} prefix taken off).
   */
  public static Set<String> readKeys(String prefix, Class<?> mapping, Path properties) {
    Set<String> keys = new TreeSet<>(mappingKeys(prefix, mapping));
    try {
      for (String line : Files.readAllLines(properties)) {
        if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
          String key = line.substring(0, line.indexOf('='));
          keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  /** Every key a {@code @ConfigMapping} interface defines under {@code prefix}, in kebab case. */
  public static Set<String> mappingKeys(String prefix, Class<?> mapping) {
    Set<String> keys = new TreeSet<>();
    for (Method method : mapping.getMethods()) {
      if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      String key = prefix + "." + kebab(method.getName());
      Class<?> type = method.getReturnType();
      if (type.isInterface() && type.getEnclosingClass() != null) {
        keys.addAll(mappingKeys(key, type));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
