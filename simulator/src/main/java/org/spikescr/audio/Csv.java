package org.spikescr.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikescr.errors.InputException;

/** A minimal reader of comma-separated tables (no quoting) with a header row. */
final class Csv {
  private Csv() {}

  static List<String[]> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException(csv.toString(), "", "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    List<String[]> rows = new ArrayList<>();
    int width = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      for (int c = 0; c < cells.length; c++) {
        cells[c] = cells[c].strip();
      }
      if (width < 0) {
        width = cells.length;
      } else if (cells.length != width) {
        throw new InputException(
            csv.toString(),
            "line " + (i + 1),
            "expected " + width + " columns like the header, got " + cells.length);
      }
      rows.add(cells);
    }
    if (rows.size() < 2) {
      throw new InputException(csv.toString(), "", "expected a header row and at least one row");
    }
    return rows;
  }

  static int column(Path csv, String[] header, String... names) {
    for (String n : names) {
      int c = optionalColumn(header, n);
      if (c >= 0) {
        return c;
      }
    }
    throw new InputException(
        csv.toString(), "header", "expected a column named " + String.join(" or ", names));
  }

  static int optionalColumn(String[] header, String name) {
    for (int c = 0; c < header.length; c++) {
      if (header[c].toLowerCase(Locale.ROOT).equals(name)) {
        return c;
      }
    }
    return -1;
  }
}
