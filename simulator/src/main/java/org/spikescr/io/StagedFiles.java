package org.spikescr.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several output files that appear all together or not at all: each is first written under a hidden
 * name beside its target ({@link #stage(Path)}); {@link #commit()} moves them all into place once
 * every one is complete, and {@link #close()} removes whatever was staged but not committed.
 */
public final class StagedFiles implements AutoCloseable {
  private final Map<Path, Path> staged = new LinkedHashMap<>();

  /** A hidden path beside {@code target} to write it to; it must be complete before commit. */
  public Path stage(Path target) {
    try {
      Path tmp = AtomicFiles.temporaryBeside(target);
      staged.put(tmp, target);
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + target + " (" + AtomicFiles.reason(e) + ")", e);
    }
  }

  /** Moves every staged file into place. */
  public void commit() {
    List<Path> done = new ArrayList<>();
    for (Map.Entry<Path, Path> e : staged.entrySet()) {
      try {
        AtomicFiles.moveIntoPlace(e.getKey(), e.getValue());
        done.add(e.getKey());
      } catch (IOException x) {
        throw new UncheckedIOException(
            "cannot write " + e.getValue() + " (" + AtomicFiles.reason(x) + ")", x);
      }
    }
    done.forEach(staged::remove);
  }

  /** Deletes the files staged but not moved into place. */
  @Override
  public void close() {
    for (Path tmp : staged.keySet()) {
      if (Files.exists(tmp)) {
        AtomicFiles.deleteQuietly(tmp);
      }
    }
    staged.clear();
  }
}
