package dev.chain.im.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this JVM's own {@code java}, the JVM options, then what to run
 * (a jar, or a main class on a classpath) with its arguments.
 */
record JavaCommand(List<String> jvmOptions, List<String> program) {

  JavaCommand {
    jvmOptions = List.copyOf(jvmOptions);
    program = List.copyOf(program);
  }

  static JavaCommand jar(Path jar, List<String> jvmOptions) {
    return new JavaCommand(jvmOptions, List.of("-jar", jar.toString()));
  }

  static JavaCommand mainClass(
      String classpath, String mainClass, List<String> jvmOptions, List<String> arguments) {
    List<String> program = new ArrayList<>(List.of("-cp", classpath, mainClass));
    program.addAll(arguments);
    return new JavaCommand(jvmOptions, program);
  }

  List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(jvmOptions);
    line.addAll(program);
    return line;
  }
}
