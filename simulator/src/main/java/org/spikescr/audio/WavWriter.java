package org.spikescr.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes mono 16-bit PCM WAV files (for tests and synthetic inputs). */
public final class WavWriter {
  private WavWriter() {}

  /** The bytes of a mono 16-bit PCM WAV file; samples are clipped to [-1, 1) and rounded. */
  public static byte[] pcm16(Audio a) {
    int n = a.length();
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + 2 * n);
    b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(a.sampleRate()).putInt(2 * a.sampleRate());
    b.putShort((short) 2).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      long v = Math.round(a.sample(i) * 32768);
      b.putShort((short) Math.max(-32768, Math.min(32767, v)));
    }
    return b.array();
  }

  /** Writes a mono 16-bit PCM WAV file. */
  public static void write(Audio a, Path path) {
    try {
      Files.write(path, pcm16(a));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
