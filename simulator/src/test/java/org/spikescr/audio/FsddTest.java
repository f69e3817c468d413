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

  @Test
  void leaveOneSpeakerOutHoldsOutEveryRecordingOfOneSpeaker() throws Exception {
    Path rec = Files.createDirectories(dir.resolve("recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    for (String speaker : new String[] {"zoe", "adam", "kim"}) {
      for (int take : new int[] {0, 4, 5, 30}) {
        String name = "2_" + speaker + "_" + take + ".wav";
        Files.write(rec.resolve(name), new byte[] {0});
        csv.append("recordings/").append(name).append(",2,").append(speaker).append(',');
        csv.append(take).append(',').append(take < 5 ? "test" : "train").append('\n');
      }
    }
    Files.writeString(dir.resolve("labels.csv"), csv);
    Map<String, List<Encoder.Item>> s = Fsdd.leaveOneSpeakerOut(dir, "kim");
    assertEquals(List.of("train", "val", "test"), List.copyOf(s.keySet()));
    // ids: adam 0, kim 1, zoe 2 (alphabetical over the whole table, as in the take split)
    assertEquals(List.of(1, 1, 1, 1), s.get("test").stream().map(Encoder.Item::speaker).toList());
    assertEquals(
        List.of("2_adam_5.wav", "2_adam_30.wav", "2_zoe_5.wav", "2_zoe_30.wav"),
        s.get("train").stream().map(Encoder.Item::source).toList());
    assertEquals(
        List.of("2_adam_0.wav", "2_adam_4.wav", "2_zoe_0.wav", "2_zoe_4.wav"),
        s.get("val").stream().map(Encoder.Item::source).toList());
    assertEquals("test", Fsdd.looSplit("kim", 40, "kim"));
    assertEquals("val", Fsdd.looSplit("zoe", 4, "kim"));
    assertEquals("train", Fsdd.looSplit("zoe", 5, "kim"));
    InputException e =
        assertThrows(InputException.class, () -> Fsdd.leaveOneSpeakerOut(dir, "bob"));
    assertTrue(e.getMessage().contains("'bob'") && e.getMessage().contains("[adam, kim, zoe]"));
  }

  @Test
  void sharedCopyFoldsKeepEachSpeakerOnOneSide() {
    Path shared = sharedFsdd();
    if (Files.exists(shared.resolve("labels.csv"))) {
      List<String> speakers = Fsdd.speakers(shared);
      assertEquals(5, speakers.size());
      for (String held : speakers) {
        Map<String, List<Encoder.Item>> s = Fsdd.leaveOneSpeakerOut(shared, held);
        assertEquals(1800, s.get("train").size(), held);
        assertEquals(200, s.get("val").size(), held);
        assertEquals(500, s.get("test").size(), held);
        int id = speakers.indexOf(held);
        assertTrue(s.get("test").stream().allMatch(i -> i.speaker() == id), held);
        assertTrue(s.get("train").stream().noneMatch(i -> i.speaker() == id), held);
        assertTrue(s.get("val").stream().noneMatch(i -> i.speaker() == id), held);
      }
    }
  }
}
