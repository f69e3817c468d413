package org.spikescr.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikescr.io.AtomicFiles;
import org.spikescr.io.Directories;
import org.spikescr.io.OutputPaths;
import org.spikescr.json.JsonCodec;

/**
 * Writes a directory of golden vectors ({@code docs/golden-vectors.md}): per sample a folder {@code
 * sNNNN/} with one {@code .hex} file per tensor, and {@code index.json} describing every tensor
 * (name, shape, width, integer bits, signedness, encoding, file).
 *
 * <p>The directory appears complete or not at all: everything is written into a temporary sibling
 * directory that replaces the target at the end. An existing target is replaced only when it holds
 * golden vectors ({@link #KIND}, {@link OutputPaths}).
 */
public final class GoldenVectors {
  /** Value of {@code format} in the index. */
  public static final String FORMAT = "spikescr-golden";

  /** Format version. */
  public static final int VERSION = 1;

  /** A golden vector directory, recognised by its index; only such a directory is replaced. */
  public static final OutputPaths.DirectoryKind KIND =
      new OutputPaths.DirectoryKind("golden vectors", "index.json", FORMAT);

  private GoldenVectors() {}

  /** One sample's tensors and facts (label, predicted class, ...). */
  public record SampleVectors(Map<String, Object> facts, List<HexTensor> tensors) {
    /** Copies. */
    public SampleVectors {
      facts = new LinkedHashMap<>(facts);
      tensors = List.copyOf(tensors);
    }
  }

  /**
   * One tensor's line in the index.
   *
   * @param name tensor name
   * @param shape dimensions, outermost first
   * @param bits width of one value in bits
   * @param intBits integer bits of one value (the sign bit included)
   * @param signed whether values are two's complement
   * @param encoding {@code words} or {@code packed_rows}
   * @param file path of the hex file relative to the index
   */
  record TensorEntry(
      String name,
      List<Integer> shape,
      int bits,
      int intBits,
      boolean signed,
      String encoding,
      String file) {
    /** Copies. */
    TensorEntry {
      shape = List.copyOf(shape);
    }

    static TensorEntry of(HexTensor t, String file) {
      return new TensorEntry(
          t.name(),
          Arrays.stream(t.shape()).boxed().toList(),
          t.bits(),
          t.intBits(),
          t.signed(),
          t.encoding() == HexTensor.Encoding.WORDS ? "words" : "packed_rows",
          file);
    }
  }

  /**
   * Writes the directory.
   *
   * @param dir target directory (replaced if it exists)
   * @param header facts about the whole set (model, hash, formats), first in the index
   * @param samples per-sample vectors in order
   */
  public static void write(Path dir, Map<String, Object> header, List<SampleVectors> samples) {
    Path abs = dir.toAbsolutePath().normalize();
    OutputPaths.checkReplaceableDirectory(dir.toString(), dir, KIND, List.of());
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      tmp = Files.createTempDirectory(abs.getParent(), AtomicFiles.temporaryPrefix(abs));
      List<Object> index = new ArrayList<>();
      for (int s = 0; s < samples.size(); s++) {
        String folder = String.format("s%04d", s);
        Files.createDirectories(tmp.resolve(folder));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", s);
        entry.putAll(samples.get(s).facts());
        List<TensorEntry> tensors = new ArrayList<>();
        for (HexTensor t : samples.get(s).tensors()) {
          String file = folder + "/" + t.name() + ".hex";
          Files.writeString(tmp.resolve(file), t.toHex(), StandardCharsets.US_ASCII);
          tensors.add(TensorEntry.of(t, file));
        }
        entry.put("tensors", tensors);
        index.add(entry);
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("format", FORMAT);
      root.put("format_version", VERSION);
      root.putAll(header);
      root.put("samples", index);
      Files.writeString(
          tmp.resolve("index.json"), JsonCodec.pretty(root) + "\n", StandardCharsets.UTF_8);
      Directories.replace(abs, tmp);
    } catch (IOException e) {
      if (tmp != null) {
        Directories.deleteTreeQuietly(tmp);
      }
      throw new UncheckedIOException(
          "cannot write golden vectors to " + dir + " (" + AtomicFiles.reason(e) + ")", e);
    }
  }
}
