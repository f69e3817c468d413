package org.spikescr.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.spikescr.errors.InputException;

/**
 * The Free Spoken Digit Dataset (CC BY-SA 4.0, Zohar Jackson and contributors) as shipped in {@code
 * shared/data/fsdd}: recordings {@code <digit>_<speaker>_<take>.wav} and {@code labels.csv}, split
 * by take index as the dataset itself does, with a validation part carved out of its training part.
 *
 * <p>Splits by take ({@link #splits(Path)}): takes 0-4 are {@code test} (the dataset's own test
 * split), takes 5-9 {@code val}, takes 10-49 {@code train}; every speaker is in every split.
 *
 * <p>Leave one speaker out ({@link #leaveOneSpeakerOut(Path, String)}): every recording of the
 * held-out speaker is {@code test}; of the other speakers, takes 0-4 are {@code val} and takes 5
 * and up {@code train}, so checkpoint selection and tuning see training speakers only.
 *
 * <p>Speakers are numbered in alphabetical order of their names over the whole table, so ids agree
 * across the three files and across folds.
 */
public final class Fsdd {
  /** Class names, index = digit. */
  public static final List<String> CLASS_NAMES =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  /** Split names in output order. */
  public static final List<String> SPLITS = List.of("train", "val", "test");

  /** Attribution that must travel with anything derived from the recordings. */
  public static final String ATTRIBUTION =
      "Free Spoken Digit Dataset (Zohar Jackson and contributors,"
          + " github.com/Jakobovski/free-spoken-digit-dataset), CC BY-SA 4.0";

  private Fsdd() {}

  /** The split a take index belongs to. */
  public static String split(int take) {
    if (take < 0) {
      throw new IllegalArgumentException("negative take " + take);
    }
    return take <= 4 ? "test" : take <= 9 ? "val" : "train";
  }

  /**
   * The split of a recording in the leave-one-speaker-out fold that holds out {@code testSpeaker}.
   */
  public static String looSplit(String speaker, int take, String testSpeaker) {
    if (take < 0) {
      throw new IllegalArgumentException("negative take " + take);
    }
    return speaker.equals(testSpeaker) ? "test" : take <= 4 ? "val" : "train";
  }

  /**
   * The recordings of each split (train, val, test) by take, sorted by digit, speaker and take.
   *
   * @param fsddDir the directory holding {@code labels.csv} and {@code recordings/}
   */
  public static Map<String, List<Encoder.Item>> splits(Path fsddDir) {
    return split(fsddDir, null);
  }

  /**
   * The recordings of each split (train, val, test) of the leave-one-speaker-out fold that tests on
   * {@code testSpeaker}, sorted by digit, speaker and take.
   *
   * @param fsddDir the directory holding {@code labels.csv} and {@code recordings/}
   * @param testSpeaker the held-out speaker; must be one of the table's speakers
   */
  public static Map<String, List<Encoder.Item>> leaveOneSpeakerOut(
      Path fsddDir, String testSpeaker) {
    List<String> known = speakers(fsddDir);
    if (!known.contains(testSpeaker)) {
      throw new InputException(
          fsddDir.resolve("labels.csv").toString(),
          "speaker",
          "no speaker '" + testSpeaker + "'; expected one of " + known);
    }
    if (known.size() < 2) {
      throw new InputException(
          fsddDir.resolve("labels.csv").toString(),
          "speaker",
          "leave-one-speaker-out needs at least two speakers, found " + known);
    }
    return split(fsddDir, testSpeaker);
  }

  private static Map<String, List<Encoder.Item>> split(Path fsddDir, String testSpeaker) {
    Path csv = fsddDir.resolve("labels.csv");
    List<String[]> rows = Csv.read(csv);
    String[] h = rows.get(0);
    int pathCol = Csv.column(csv, h, "path");
    int digitCol = Csv.column(csv, h, "digit");
    int speakerCol = Csv.column(csv, h, "speaker");
    int takeCol = Csv.column(csv, h, "index");
    TreeSet<String> speakers = new TreeSet<>();
    for (int r = 1; r < rows.size(); r++) {
      speakers.add(rows.get(r)[speakerCol]);
    }
    List<String> speakerIds = List.copyOf(speakers);
    List<Row> all = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      int digit = parse(csv, r, row[digitCol], "digit");
      int take = parse(csv, r, row[takeCol], "index");
      if (digit > 9) {
        throw new InputException(csv.toString(), "line " + (r + 1), "digit " + digit + " > 9");
      }
      Path file = fsddDir.resolve(row[pathCol]);
      if (!Files.isRegularFile(file)) {
        throw new InputException(csv.toString(), "line " + (r + 1), "no file " + file);
      }
      all.add(new Row(digit, row[speakerCol], take, file));
    }
    all.sort(
        (a, b) ->
            a.digit != b.digit
                ? Integer.compare(a.digit, b.digit)
                : !a.speaker.equals(b.speaker)
                    ? a.speaker.compareTo(b.speaker)
                    : Integer.compare(a.take, b.take));
    Map<String, List<Encoder.Item>> out = new LinkedHashMap<>();
    for (String s : SPLITS) {
      out.put(s, new ArrayList<>());
    }
    for (Row r : all) {
      out.get(testSpeaker == null ? split(r.take) : looSplit(r.speaker, r.take, testSpeaker))
          .add(
              new Encoder.Item(
                  r.file, r.digit, speakerIds.indexOf(r.speaker), r.file.getFileName().toString()));
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /** Speaker names by id (alphabetical). */
  public static List<String> speakers(Path fsddDir) {
    Path csv = fsddDir.resolve("labels.csv");
    List<String[]> rows = Csv.read(csv);
    int speakerCol = Csv.column(csv, rows.get(0), "speaker");
    TreeSet<String> s = new TreeSet<>();
    for (int r = 1; r < rows.size(); r++) {
      s.add(rows.get(r)[speakerCol]);
    }
    return List.copyOf(s);
  }

  private record Row(int digit, String speaker, int take, Path file) {}

  private static int parse(Path csv, int r, String v, String what) {
    try {
      int x = Integer.parseInt(v);
      if (x < 0) {
        throw new NumberFormatException();
      }
      return x;
    } catch (NumberFormatException e) {
      throw new InputException(
          csv.toString(), "line " + (r + 1), what + " '" + v + "' is not a non-negative integer");
    }
  }
}
