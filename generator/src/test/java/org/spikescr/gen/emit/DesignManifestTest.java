package org.spikescr.gen.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikescr.gen.TestDesigns;
import org.spikescr.io.Sha256;
import org.spikescr.json.JsonCodec;

class DesignManifestTest {

  @Test
  void listsEveryFileWithItsHashSorted() {
    Map<String, String> files = Map.of("rtl/b.v", "module b;\nendmodule\n", "mem/a.mem", "00\n");
    Map<String, String> all = DesignManifest.withManifest(TestDesigns.wrapper(), files);
    assertEquals(List.of("manifest.json", "mem/a.mem", "rtl/b.v"), List.copyOf(all.keySet()));
    Map<String, Object> m = JsonCodec.parseObject(all.get("manifest.json"));
    assertEquals("spikescr-design", m.get("format"));
    assertEquals("demo", m.get("design"));
    List<?> entries = (List<?>) m.get("files");
    assertEquals(2, entries.size());
    Map<?, ?> first = (Map<?, ?>) entries.get(0);
    assertEquals("mem/a.mem", first.get("path"));
    assertEquals(3, ((Number) first.get("bytes")).intValue());
    assertEquals(Sha256.of("00\n".getBytes(StandardCharsets.UTF_8)), first.get("sha256"));
    assertTrue(all.get("manifest.json").endsWith("}\n"));
  }

  @Test
  void isDeterministicAndRefusesAFileNamedLikeTheManifest() {
    Map<String, String> files = Map.of("rtl/b.v", "x", "rtl/a.v", "y");
    assertEquals(
        DesignManifest.withManifest(TestDesigns.wrapper(), files),
        DesignManifest.withManifest(TestDesigns.wrapper(), Map.copyOf(files)));
    assertThrows(
        IllegalArgumentException.class,
        () -> DesignManifest.withManifest(TestDesigns.wrapper(), Map.of("manifest.json", "{}")));
  }

  @Test
  void knownDigest() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
  }
}
