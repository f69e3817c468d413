package org.spikescr.fixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fixed-point package and the fixed-point simulator promise integer-only arithmetic: no source
 * file in them mentions a floating-point type.
 */
class NoFloatingPointTest {

  private static final Pattern FLOATING =
      Pattern.compile(
          "\\b(double|float|Double|Float|Math\\.(pow|sqrt|exp|log|round|floor|ceil))\\b");

  @Test
  void noFloatingPointTypesInIntegerPackages() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : List.of("fixed", "sim/fixedsim")) {
      scan(sourceDir(pkg), offenders);
    }
    assertTrue(offenders.isEmpty(), "floating point in integer-only code: " + offenders);
  }

  private static void scan(Path dir, List<String> offenders) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.toString().endsWith(".java")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String code = lines.get(i).replaceAll("//.*|/\\*.*|^\\s*\\*.*", "");
          if (FLOATING.matcher(code).find()) {
            offenders.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
  }

  private static Path sourceDir(String pkg) {
    Path local = Path.of("src/main/java/org/spikescr/" + pkg);
    if (Files.isDirectory(local)) {
      return local;
    }
    return Path.of(System.getProperty("spikescr.root", "."))
        .resolve("simulator/src/main/java/org/spikescr/" + pkg);
  }
}
