package org.spikescr.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV files byte by byte for reader tests. */
final class WavBytes {
  private WavBytes() {}

  /**
   * A WAV file whose frames hold {@code channels} interleaved samples {@code v[frame][channel]} in
   * [-1, 1), encoded as {@code tag} (1 PCM, 3 float) with {@code bits} bits; {@code extensible}
   * wraps the encoding in WAVE_FORMAT_EXTENSIBLE; {@code extraChunk} adds a LIST chunk of odd size
   * before the data.
   */
  static byte[] wav(
      double[][] v, int rate, int tag, int bits, boolean extensible, boolean extraChunk) {
    int channels = v[0].length;
    int width = bits / 8;
    ByteBuffer data =
        ByteBuffer.allocate(v.length * channels * width).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] frame : v) {
      for (double s : frame) {
        if (tag == 3) {
          if (bits == 32) {
            data.putFloat((float) s);
          } else {
            data.putDouble(s);
          }
        } else if (bits == 8) {
          data.put((byte) (Math.round(s * 128) + 128));
        } else if (bits == 16) {
          data.putShort((short) Math.round(s * 32768));
        } else if (bits == 24) {
          int x = (int) Math.round(s * 8388608);
          data.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
        } else {
          data.putInt((int) Math.round(s * 2147483648.0));
        }
      }
    }
    ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
    fmt.putShort((short) (extensible ? 0xFFFE : tag));
    fmt.putShort((short) channels);
    fmt.putInt(rate);
    fmt.putInt(rate * channels * width);
    fmt.putShort((short) (channels * width));
    fmt.putShort((short) bits);
    if (extensible) {
      fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3);
      fmt.putShort((short) tag).putShort((short) 0).putInt(0x00100000);
      fmt.putLong(0x719B3800AA000080L);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    chunk(body, "fmt ", fmt.array());
    if (extraChunk) {
      chunk(body, "LIST", new byte[] {1, 2, 3});
    }
    chunk(body, "data", data.array());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(le32(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** A mono 16-bit PCM WAV file. */
  static byte[] pcm16(double[] x, int rate) {
    double[][] v = new double[x.length][1];
    for (int i = 0; i < x.length; i++) {
      v[i][0] = x[i];
    }
    return wav(v, rate, 1, 16, false, false);
  }

  private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
    out.writeBytes(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(le32(body.length));
    out.writeBytes(body);
    if (body.length % 2 == 1) {
      out.write(0);
    }
  }

  static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }
}
