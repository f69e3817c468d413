package org.spikescr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Writes a whole output directory so that readers never see half of it: the files go into a hidden
 * temporary directory beside the target, which then takes the target's place (a previous target is
 * moved aside first and removed after). On failure nothing but the previous target is left. The
 * caller checks beforehand that the target may be replaced ({@link OutputPaths}).
 */
public final class Directories {
  private Directories() {}

  /**
   * Writes {@code files} (relative path to UTF-8 text) as the directory {@code target}.
   *
   * @throws IOException with the system's reason when a file cannot be written
   */
  public static void writeText(Path target, Map<String, String> files) throws IOException {
    Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      bytes.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    writeBytes(target, bytes);
  }

  /**
   * Writes {@code files} (relative path to content) as the directory {@code target}.
   *
   * @throws IOException with the system's reason when a file cannot be written
   */
  public static void writeBytes(Path target, Map<String, byte[]> files) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempDirectory(abs.getParent(), AtomicFiles.temporaryPrefix(abs));
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = tmp.resolve(f.getKey()).normalize();
        if (!p.startsWith(tmp) || p.equals(tmp)) {
          throw new IllegalArgumentException("file path outside the directory: " + f.getKey());
        }
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      replace(abs, tmp);
    } catch (IOException | RuntimeException e) {
      deleteTreeQuietly(tmp);
      throw e;
    }
  }

  /** Puts the finished directory in place of {@code target}; a previous target is removed after. */
  public static void replace(Path target, Path finished) throws IOException {
    if (!Files.exists(target)) {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), AtomicFiles.temporaryPrefix(target));
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTreeQuietly(old);
  }

  /** Removes a directory tree, keeping quiet about failures (a temporary left behind). */
  public static void deleteTreeQuietly(Path dir) {
    try {
      if (!Files.exists(dir)) {
        return;
      }
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // the original failure, or the finished output, matters more
    }
  }
}
