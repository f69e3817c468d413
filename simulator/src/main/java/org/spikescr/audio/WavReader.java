package org.spikescr.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spikescr.errors.InputException;

/**
 * Reads RIFF/WAVE files into mono {@link Audio}: PCM 8 (unsigned), 16, 24 and 32 bit, IEEE float 32
 * and 64 bit, plain or WAVE_FORMAT_EXTENSIBLE, any channel count (channels are averaged) and any
 * sample rate.
 *
 * <p>Integer samples are scaled by 2^-(bits-1) (8-bit: offset 128 first), so full scale is [-1, 1).
 * Chunks other than {@code fmt } and {@code data} are skipped. A file that is not WAVE, uses
 * another encoding, or ends before its data chunk does, is an {@link InputException} naming the
 * file and the problem.
 */
public final class WavReader {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /** Reads a WAV file. */
  public static Audio read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(path.toString(), "", "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return decode(bytes, path.toString());
  }

  /** Decodes the bytes of a WAV file; {@code source} names it in errors. */
  public static Audio decode(byte[] bytes, String source) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
      throw new InputException(source, "header", "not a RIFF/WAVE file");
    }
    Format fmt = null;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      String id = tag(b, pos);
      long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (body + size > bytes.length) {
          throw new InputException(source, "fmt chunk", "truncated");
        }
        fmt = Format.parse(b, body, (int) size, source);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new InputException(source, "data chunk", "comes before the fmt chunk");
        }
        if (body + size > bytes.length) {
          throw new InputException(
              source,
              "data chunk",
              "truncated: header says " + size + " bytes, file holds " + (bytes.length - body));
        }
        return fmt.decode(b, body, (int) size, source);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new InputException(
        source, fmt == null ? "fmt chunk" : "data chunk", "missing (file truncated?)");
  }

  private static String tag(ByteBuffer b, int pos) {
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (b.get(pos + i) & 0xFF);
    }
    return new String(c);
  }

  /** The fmt chunk: encoding, channels, rate and sample width. */
  private record Format(boolean isFloat, int channels, int rate, int bits, int blockAlign) {
    static Format parse(ByteBuffer b, int pos, int size, String src) {
      if (size < 16) {
        throw new InputException(src, "fmt chunk", "expected at least 16 bytes, got " + size);
      }
      int tag = b.getShort(pos) & 0xFFFF;
      int channels = b.getShort(pos + 2) & 0xFFFF;
      long rate = b.getInt(pos + 4) & 0xFFFFFFFFL;
      int blockAlign = b.getShort(pos + 12) & 0xFFFF;
      int bits = b.getShort(pos + 14) & 0xFFFF;
      if (tag == FORMAT_EXTENSIBLE) {
        if (size < 40) {
          throw new InputException(
              src, "fmt chunk", "WAVE_FORMAT_EXTENSIBLE needs 40 bytes, got " + size);
        }
        tag = b.getShort(pos + 24) & 0xFFFF; // first two bytes of the sub-format GUID
      }
      if (tag != FORMAT_PCM && tag != FORMAT_FLOAT) {
        throw new InputException(
            src,
            "fmt chunk",
            "unsupported encoding 0x"
                + Integer.toHexString(tag)
                + "; expected PCM (1), IEEE float (3) or extensible with one of them");
      }
      boolean isFloat = tag == FORMAT_FLOAT;
      boolean ok =
          isFloat ? bits == 32 || bits == 64 : bits == 8 || bits == 16 || bits == 24 || bits == 32;
      if (!ok) {
        throw new InputException(
            src,
            "fmt chunk",
            "unsupported "
                + (isFloat ? "float" : "PCM")
                + " sample width "
                + bits
                + " bits; expected "
                + (isFloat ? "32 or 64" : "8, 16, 24 or 32"));
      }
      if (channels < 1) {
        throw new InputException(src, "fmt chunk", "expected 1 or more channels, got 0");
      }
      if (rate < 1 || rate > 1_000_000) {
        throw new InputException(
            src, "fmt chunk", "sample rate " + rate + " Hz; expected 1 .. 1000000");
      }
      if (blockAlign != channels * (bits / 8)) {
        throw new InputException(
            src,
            "fmt chunk",
            "block align "
                + blockAlign
                + " does not match "
                + channels
                + " channels of "
                + bits
                + " bits");
      }
      return new Format(isFloat, channels, (int) rate, bits, blockAlign);
    }

    Audio decode(ByteBuffer b, int pos, int size, String src) {
      if (size % blockAlign != 0) {
        throw new InputException(
            src,
            "data chunk",
            "size "
                + size
                + " is not a whole number of "
                + blockAlign
                + "-byte frames (truncated?)");
      }
      int frames = size / blockAlign;
      int width = bits / 8;
      double[] out = new double[frames];
      for (int f = 0; f < frames; f++) {
        double sum = 0;
        int at = pos + f * blockAlign;
        for (int c = 0; c < channels; c++) {
          sum += value(b, at + c * width);
        }
        if (!Double.isFinite(sum)) {
          throw new InputException(
              src, "data chunk", "frame " + f + " holds a non-finite float sample");
        }
        out[f] = sum / channels;
      }
      return new Audio(out, rate);
    }

    private double value(ByteBuffer b, int at) {
      if (isFloat) {
        return bits == 32 ? b.getFloat(at) : b.getDouble(at);
      }
      return switch (bits) {
        case 8 -> ((b.get(at) & 0xFF) - 128) / 128.0;
        case 16 -> b.getShort(at) / 32768.0;
        case 24 -> {
          int v = (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16;
          yield v / 8388608.0;
        }
        default -> b.getInt(at) / 2147483648.0;
      };
    }
  }
}
