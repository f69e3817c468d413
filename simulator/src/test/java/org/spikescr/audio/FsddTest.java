package org.spikescr.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.errors.InputException;

class FsddTest {
  @TempDir Path dir;

  /** The shared FSDD copy beside the repository ({@code ../shared/data/fsdd}). */
  static Path sharedFsdd() {
    return Path.of(System.getProperty("spikescr.root", "."))
        .toAbsolutePath()
        .resolve("../shared/data/fsdd")
        .normalize();
  }

  @Test
  void splitsByTake() {
    assertEquals("test", Fsdd.split(0));
    assertEquals("test", Fsdd.split(4));
    assertEquals("val", Fsdd.split(5));
    assertEquals("val", Fsdd.split(9));
    assertEquals("train", Fsdd.split(10));
    assertEquals("train", Fsdd.split(49));
  }

  @Test
  void readsTableAndNumbersSpeakersAlphabetically() throws Exception {
    Path rec = Files.createDirectories(dir.resolve("recordings"));
    for (String n : new String[] {"1_zoe_3.wav", "2_adam_20.wav", "1_adam_7.wav"}) {
      Files.write(rec.resolve(n), new byte[] {0});
    }
    Files.writeString(
        dir.resolve("labels.csv"),
        """
        path,digit,speaker,index,official_split
        recordings/1_zoe_3.wav,1,zoe,3,test
        recordings/2_adam_20.wav,2,adam,20,train
        recordings/1_adam_7.wav,1,adam,7,train
        """);
    Map<String, List<Encoder.Item>> s = Fsdd.splits(dir);
    assertEquals(List.of("train", "val", "test"), List.copyOf(s.keySet()));
    assertEquals(1, s.get("test").get(0).speaker());
    assertEquals(0, s.get("val").get(0).speaker());
    assertEquals(2, s.get("train").get(0).label());
    assertEquals(List.of("adam", "zoe"), Fsdd.speakers(dir));
    Files.writeString(
        dir.resolve("labels.csv"), "path,digit,speaker,index\nrecordings/1_zoe_3.wav,one,zoe,3\n");
    InputException e = assertThrows(InputException.class, () -> Fsdd.splits(dir));
    assertTrue(e.getMessage().contains("'one'"), e.getMessage());
  }

  @Test
  void sharedCopyHasTheExpectedSplitSizes() {
    Path shared = sharedFsdd();
    if (Files.exists(shared.resolve("labels.csv"))) {
      Map<String, List<Encoder.Item>> s = Fsdd.splits(shared);
      assertEquals(2000, s.get("train").size());
      assertEquals(250, s.get("val").size());
      assertEquals(250, s.get("test").size());
    }
  }
}
