package org.spikescr.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that appear complete or not at all: write into {@link #temporaryBeside(Path)}, then {@link
 * #moveIntoPlace(Path, Path)}. The temporary file gets the usual permissions of a user file ({@code
 * rw-r--r--}) rather than the private ones of a temporary file, and a name that stays within the
 * 255-byte limit of common file systems whatever the target's name.
 */
public final class AtomicFiles {
  /** Longest file name, in UTF-8 bytes, that common file systems accept. */
  public static final int MAX_NAME_BYTES = 255;

  /** Bytes of the target's name kept in a temporary name; the rest is a random part and suffix. */
  private static final int KEPT_NAME_BYTES = 200;

  private AtomicFiles() {}

  /** A new empty temporary file in the target's directory (created if needed). */
  public static Path temporaryBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, temporaryPrefix(target), ".tmp");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
    return tmp;
  }

  /**
   * The start of a hidden temporary name beside {@code target}: a dot and the target's name cut to
   * at most {@value #KEPT_NAME_BYTES} UTF-8 bytes, so a random part and a suffix still fit.
   */
  public static String temporaryPrefix(Path target) {
    String name = target.toAbsolutePath().getFileName().toString();
    StringBuilder b = new StringBuilder(".");
    int bytes = 1;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > KEPT_NAME_BYTES) {
        break;
      }
      b.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /** Replaces the target with the finished temporary file in one step. */
  public static void moveIntoPlace(Path tmp, Path target) throws IOException {
    Files.move(
        tmp,
        target,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Writes {@code bytes} to {@code target} so that it appears complete or not at all: into a
   * temporary file beside it, then moved into place; the temporary file is removed on failure, and
   * the failure names the target and the system's reason.
   */
  public static void write(Path target, byte[] bytes) {
    Path tmp = null;
    try {
      tmp = temporaryBeside(target);
      Files.write(tmp, bytes);
      moveIntoPlace(tmp, target);
    } catch (IOException e) {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
      throw new java.io.UncheckedIOException("cannot write " + target + " (" + reason(e) + ")", e);
    }
  }

  /** Deletes a temporary file after a failure, keeping the original failure as the one reported. */
  public static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // the original failure is what the caller needs to see
    }
  }

  /**
   * The system's reason for a failed file operation, in words ("permission denied", "file name too
   * long", "not a directory"), with the file it concerns when known.
   */
  public static String reason(Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof IOException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof FileSystemException f) {
      String why = f.getReason();
      if (why == null || why.isEmpty()) {
        why = defaultReason(f);
      }
      return f.getFile() == null ? why : why + ": " + f.getFile();
    }
    if (t == null) {
      return "unknown reason";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String defaultReason(FileSystemException f) {
    if (f instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (f instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (f instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (f instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (f instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return f.getClass().getSimpleName();
  }
}
