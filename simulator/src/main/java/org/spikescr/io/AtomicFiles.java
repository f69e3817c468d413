package org.spikescr.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that appear complete or not at all: write into {@link #temporaryBeside(Path)}, then {@link
 * #moveIntoPlace(Path, Path)}. The temporary file gets the usual permissions of a user file ({@code
 * rw-r--r--}) rather than the private ones of a temporary file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** A new empty temporary file in the target's directory (created if needed). */
  public static Path temporaryBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return tmp;
  }

  /** Replaces the target with the finished temporary file in one step. */
  public static void moveIntoPlace(Path tmp, Path target) throws IOException {
    Files.move(
        tmp,
        target,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a temporary file after a failure, keeping the original failure as the one reported. */
  public static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the original failure is what the caller needs to see
    }
  }
}
