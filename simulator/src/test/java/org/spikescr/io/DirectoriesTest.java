package org.spikescr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesANewDirectoryAndReplacesAnOldOneWhole() throws IOException {
    Path d = dir.resolve("design");
    Directories.writeText(d, Map.of("rtl/a.v", "a", "manifest.json", "{}"));
    assertEquals("a", Files.readString(d.resolve("rtl/a.v")));
    Directories.writeText(d, Map.of("rtl/b.v", "b"));
    assertFalse(Files.exists(d.resolve("rtl/a.v")), "the old directory is replaced whole");
    assertEquals("b", Files.readString(d.resolve("rtl/b.v")));
    assertEquals(List.of("design"), names(), "no temporary left beside it");
  }

  @Test
  void aPathOutsideTheDirectoryIsRefusedAndNothingIsLeft() throws IOException {
    Path d = dir.resolve("design");
    assertThrows(
        IllegalArgumentException.class,
        () -> Directories.writeText(d, Map.of("ok.v", "x", "../escape.v", "y")));
    assertEquals(List.of(), names());
  }
}
