package org.spikescr.io.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.spikescr.errors.InputException;

/**
 * Detects truncated HDF5 files: the superblock records the end-of-file address, and a file shorter
 * than that has lost data even where the objects a reader looks at happen to survive.
 */
final class Truncation {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private Truncation() {}

  /** Throws when the file is shorter than its superblock's end-of-file address. */
  static void check(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      for (long at = 0; at + 64 <= size; at = at == 0 ? 512 : at * 2) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, at);
        b.flip();
        if (!hasSignature(b)) {
          continue;
        }
        long eof = endOfFile(b);
        if (eof > 0 && at + eof > size) {
          throw new InputException(
              path.toString(),
              "",
              "truncated: the HDF5 superblock gives "
                  + (at + eof)
                  + " bytes, the file has "
                  + size);
        }
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static boolean hasSignature(ByteBuffer b) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b.get(i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** The end-of-file address relative to the base (the superblock's position), or -1. */
  private static long endOfFile(ByteBuffer b) {
    int version = b.get(8);
    int offsets;
    int pos;
    if (version == 0 || version == 1) {
      offsets = b.get(13);
      pos = 24 + (version == 1 ? 4 : 0) + 2 * offsets;
    } else if (version == 2 || version == 3) {
      offsets = b.get(9);
      pos = 12 + 2 * offsets;
    } else {
      return -1;
    }
    if (offsets != 8 || pos + 8 > b.limit()) {
      return -1;
    }
    return b.getLong(pos);
  }
}
