package org.spikescr.gen.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spikescr.gen.ir.HwDesign;
import org.spikescr.io.Sha256;
import org.spikescr.json.JsonCodec;

/**
 * The manifest of a generated design directory ({@code manifest.json}): what was generated, from
 * which model, with which parameters, and every file with its size and sha256. It marks a directory
 * as a design, so a later run may replace it; it holds no time and no absolute path.
 *
 * @param format always {@code spikescr-design}
 * @param version manifest format version
 * @param design the design's name
 * @param attributes generator version, model file name and hash, options, in a stable order
 * @param files every other file of the directory, by path
 */
public record DesignManifest(
    String format,
    int version,
    String design,
    Map<String, String> attributes,
    List<FileEntry> files) {

  /** The value of {@link #format()}. */
  public static final String FORMAT = "spikescr-design";

  /** The file name of a manifest inside a design directory. */
  public static final String FILE = "manifest.json";

  /** Copies the collections. */
  public DesignManifest {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    files = List.copyOf(files);
  }

  /**
   * One file of the design.
   *
   * @param path path relative to the design directory
   * @param bytes size in bytes
   * @param sha256 SHA-256 of the content, hex
   */
  public record FileEntry(String path, long bytes, String sha256) {}

  /** The manifest of {@code files} (relative path to UTF-8 text) of {@code design}. */
  public static DesignManifest of(HwDesign design, Map<String, String> files) {
    return ofBytes(design, utf8(files));
  }

  /** The manifest of {@code files} (relative path to content) of {@code design}. */
  public static DesignManifest ofBytes(HwDesign design, Map<String, byte[]> files) {
    List<FileEntry> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
      byte[] b = f.getValue();
      entries.add(new FileEntry(f.getKey(), b.length, Sha256.of(b)));
    }
    return new DesignManifest(FORMAT, 1, design.name(), design.attributes(), entries);
  }

  /**
   * Every file of a design directory: {@code files} (content) plus {@code manifest.json}, sorted by
   * path.
   */
  public static Map<String, byte[]> withManifestBytes(HwDesign design, Map<String, byte[]> files) {
    if (files.containsKey(FILE)) {
      throw new IllegalArgumentException("a design file may not be called " + FILE);
    }
    Map<String, byte[]> all = new TreeMap<>(files);
    all.put(
        FILE, (JsonCodec.pretty(ofBytes(design, files)) + "\n").getBytes(StandardCharsets.UTF_8));
    return all;
  }

  private static Map<String, byte[]> utf8(Map<String, String> files) {
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      out.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Every file of a design directory: {@code files} plus {@code manifest.json}, sorted by path. */
  public static Map<String, String> withManifest(HwDesign design, Map<String, String> files) {
    if (files.containsKey(FILE)) {
      throw new IllegalArgumentException("a design file may not be called " + FILE);
    }
    Map<String, String> all = new TreeMap<>(files);
    all.put(FILE, JsonCodec.pretty(of(design, files)) + "\n");
    return all;
  }
}
