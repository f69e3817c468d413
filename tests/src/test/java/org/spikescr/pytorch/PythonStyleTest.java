package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/pytorch} is formatted by black and clean under flake8 (Debian's {@code black} and
 * {@code python3-flake8}), with the settings in {@code tools/pytorch/pyproject.toml} and {@code
 * tools/pytorch/.flake8}. A failure lists the offending files and the command that fixes or
 * explains them.
 */
class PythonStyleTest {
  static final String TOOLS = "tools/pytorch";
  static final String BLACK_CONFIG = TOOLS + "/pyproject.toml";
  static final String FLAKE8_CONFIG = TOOLS + "/.flake8";

  private static final Pattern BLACK_FILE = Pattern.compile("(?m)^would reformat (.+)$");
  private static final Pattern FLAKE8_FILE = Pattern.compile("(?m)^(.+?\\.py):\\d+:\\d+: ");

  @TempDir Path dir;

  static Python.Result black(String path) {
    return Python.run(300, "-m", "black", "--check", "--config", BLACK_CONFIG, path);
  }

  static Python.Result flake8(String path) {
    return Python.run(300, "-m", "flake8", "--config", FLAKE8_CONFIG, path);
  }

  /** The files a run of black or flake8 names, or a failure if the tool itself did not run. */
  static Set<String> offendingFiles(String tool, Python.Result r, Pattern file) {
    if (r.output().contains("No module named")) {
      fail(
          tool
              + " is not installed for "
              + Python.EXE
              + ": run scripts/install-deps.sh\n"
              + r.output());
    }
    Set<String> files = new TreeSet<>();
    Matcher m = file.matcher(r.output());
    while (m.find()) {
      files.add(m.group(1));
    }
    if (r.code() != 0 && files.isEmpty()) {
      fail(tool + " failed (exit " + r.code() + ") without naming a file:\n" + r.output());
    }
    return files;
  }

  @Test
  void blackFindsNothingToReformat() {
    Python.Result r = black(TOOLS);
    Set<String> files = offendingFiles("black", r, BLACK_FILE);
    assertTrue(
        files.isEmpty(),
        "black would reformat "
            + files
            + "; run: "
            + Python.EXE
            + " -m black --config "
            + BLACK_CONFIG
            + " "
            + TOOLS
            + "\n"
            + r.output());
    assertEquals(0, r.code(), r.output());
  }

  @Test
  void flake8FindsNoProblem() {
    Python.Result r = flake8(TOOLS);
    Set<String> files = offendingFiles("flake8", r, FLAKE8_FILE);
    assertTrue(files.isEmpty(), "flake8 problems in " + files + ":\n" + r.output());
    assertEquals(0, r.code(), r.output());
  }

  @Test
  void bothToolsNameABadlyWrittenFile() throws IOException {
    Path bad = dir.resolve("bad.py");
    Files.writeString(bad, "x=1\nimport os\n");
    Set<String> black = offendingFiles("black", black(bad.toString()), BLACK_FILE);
    assertEquals(Set.of(bad.toString()), black);
    Set<String> flake8 = offendingFiles("flake8", flake8(bad.toString()), FLAKE8_FILE);
    assertEquals(Set.of(bad.toString()), flake8);
  }
}
