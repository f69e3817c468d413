package org.spikescr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.spikescr.errors.InputException;
import org.spikescr.json.JsonCodec;

/**
 * The one rule for where a command may write, checked before any work is done:
 *
 * <ul>
 *   <li>an output never resolves to an input (after symbolic links), and a directory output never
 *       contains one;
 *   <li>an output file is not an existing directory and its parent is not a file;
 *   <li>an output directory is replaced only when it is absent, empty, or holds a previous output
 *       of the same kind, recognised by its index or manifest file ({@link DirectoryKind}); the
 *       working directory and the directories above it are never replaced.
 * </ul>
 *
 * Every violation is an {@link InputException} (exit 2) naming the option and the path, and nothing
 * is touched.
 */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * A kind of output directory: recognised by a JSON file {@code marker} at its top whose {@code
   * format} member is {@code format}.
   *
   * @param what a few words naming the output ("golden vectors")
   * @param marker the index or manifest file name ("index.json")
   * @param format the value of its {@code format} member
   */
  public record DirectoryKind(String what, String marker, String format) {
    /** True when {@code dir} holds a previous output of this kind. */
    public boolean recognises(Path dir) {
      Path m = dir.resolve(marker);
      if (!Files.isRegularFile(m)) {
        return false;
      }
      try {
        Object root = JsonCodec.parse(Files.readString(m, StandardCharsets.UTF_8));
        return root instanceof Map<?, ?> map && format.equals(map.get("format"));
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }

  /** The path with every existing part resolved (symbolic links, {@code .}, {@code ..}). */
  public static Path canonical(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      Path parent = abs.getParent();
      if (parent == null || abs.getFileName() == null) {
        return abs;
      }
      return canonical(parent).resolve(abs.getFileName());
    }
  }

  /**
   * Checks a file output: not one of the inputs, not a directory, inside a directory (or a path
   * that can become one).
   *
   * @param option the option or parameter naming the output ({@code --out})
   * @param out the file to write
   * @param inputs every file or directory the command reads
   */
  public static void checkFile(String option, Path out, List<Path> inputs) {
    checkNotInput(option, out, inputs);
    if (Files.isDirectory(out)) {
      throw new InputException(
          option, "", out + " is a directory; expected the name of a file to write");
    }
    checkParents(option, out);
  }

  /**
   * Checks a directory output that will be replaced whole.
   *
   * @param option the option naming the output
   * @param dir the directory to write
   * @param kind the kind of output it must hold if it exists and is not empty
   * @param inputs every file or directory the command reads
   */
  public static void checkReplaceableDirectory(
      String option, Path dir, DirectoryKind kind, List<Path> inputs) {
    checkNotInput(option, dir, inputs);
    Path c = canonical(dir);
    Path cwd = canonical(Path.of(""));
    if (cwd.startsWith(c)) {
      throw new InputException(
          option,
          "",
          dir
              + " is the working directory or above it; name a new directory for the "
              + kind.what());
    }
    for (Path in : inputs) {
      if (in != null && canonical(in).startsWith(c)) {
        throw new InputException(
            option, "", dir + " holds the input " + in + "; name a new directory for the output");
      }
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException(
          option, "", dir + " is a file; expected a directory for the " + kind.what());
    }
    if (Files.isDirectory(dir) && !isEmpty(option, dir) && !kind.recognises(dir)) {
      throw new InputException(
          option,
          "",
          dir
              + " exists and does not hold "
              + kind.what()
              + " (no "
              + kind.marker()
              + " with format '"
              + kind.format()
              + "'); refusing to replace it: remove it or name a new directory");
    }
    checkParents(option, dir);
  }

  /**
   * Checks a directory that files are written into (not replaced whole): not a file, no parent a
   * file.
   */
  public static void checkDirectory(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException(option, "", dir + " is a file; expected a directory");
    }
    checkParents(option, dir);
  }

  /** Refuses an output that resolves to any of the inputs. */
  public static void checkNotInput(String option, Path out, List<Path> inputs) {
    Path c = canonical(out);
    for (Path in : inputs) {
      if (in != null && canonical(in).equals(c)) {
        throw new InputException(
            option, "", out + " is also an input (" + in + "); writing it would destroy the input");
      }
    }
  }

  private static void checkParents(String option, Path p) {
    Path parent = p.toAbsolutePath().normalize().getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputException(
          option, "", "cannot write " + p + ": " + parent + " is a file, not a directory");
    }
  }

  private static boolean isEmpty(String option, Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new InputException(
          option, "", "cannot list " + dir + " (" + AtomicFiles.reason(e) + ")", e);
    }
  }
}
