package org.spikescr.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.spikescr.errors.InputException;

/**
 * Finds WAV files and gives each a label and a speaker, from a CSV table or from its file name.
 *
 * <p>Labels that are all integers are used as class ids (no class names); otherwise the distinct
 * label strings, sorted, become the class names and their positions the ids. Speakers that are all
 * integers are kept; otherwise the distinct names, sorted, are numbered from 0. A missing speaker
 * is -1.
 */
public final class Inputs {
  /**
   * Labelled recordings and the class names.
   *
   * @param items recordings in file order
   * @param classNames class names (empty when labels are integers)
   * @param speakerNames speaker names by id (empty when speakers are integers or absent)
   */
  public record Labelled(
      List<Encoder.Item> items, List<String> classNames, List<String> speakerNames) {
    /** Copies the lists. */
    public Labelled {
      items = List.copyOf(items);
      classNames = List.copyOf(classNames);
      speakerNames = List.copyOf(speakerNames);
    }
  }

  private Inputs() {}

  /** The WAV files named or found (recursively, sorted by path) under the given paths. */
  public static List<Path> wavFiles(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        int before = out.size();
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> Files.isRegularFile(f))
              .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + p, e);
        }
        if (out.size() == before) {
          throw new InputException(
              p.toString(), "", "is a directory without .wav files; expected WAV recordings");
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new InputException(p.toString(), "", "no such file or directory");
      }
    }
    return out;
  }

  /**
   * Labels files by a regular expression on the file name: the named group {@code label} (or group
   * 1) is the label, the named group {@code speaker}, if present, the speaker.
   */
  public static Labelled fromName(List<Path> files, String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InputException(
          "--label-from-name", "", "bad regular expression: " + e.getMessage());
    }
    boolean named = regex.contains("(?<label>");
    boolean hasSpeaker = regex.contains("(?<speaker>");
    if (!named && p.matcher("").groupCount() < 1) {
      throw new InputException(
          "--label-from-name", "", "needs a group (?<label>...) or a first capturing group");
    }
    List<String> labels = new ArrayList<>();
    List<String> speakers = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Matcher m = p.matcher(name);
      if (!m.find()) {
        throw new InputException(f.toString(), "file name", "does not match " + regex);
      }
      labels.add(named ? m.group("label") : m.group(1));
      speakers.add(hasSpeaker ? m.group("speaker") : null);
    }
    return build(files, labels, speakers, "--label-from-name");
  }

  /**
   * Labels files from a CSV table with a header: a column named "path" or "file" (matched by file
   * name), a column named "label" or "digit", optionally "speaker".
   */
  public static Labelled fromCsv(List<Path> files, Path csv) {
    List<String[]> rows = Csv.read(csv);
    String[] header = rows.get(0);
    int pathCol = Csv.column(csv, header, "path", "file");
    int labelCol = Csv.column(csv, header, "label", "digit");
    int speakerCol = Csv.optionalColumn(header, "speaker");
    Map<String, String[]> byName = new HashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String key = Path.of(row[pathCol]).getFileName().toString();
      if (byName.put(key, row) != null) {
        throw new InputException(csv.toString(), "row " + (r + 1), "file " + key + " listed twice");
      }
    }
    List<String> labels = new ArrayList<>();
    List<String> speakers = new ArrayList<>();
    for (Path f : files) {
      String[] row = byName.get(f.getFileName().toString());
      if (row == null) {
        throw new InputException(
            csv.toString(),
            "",
            "no row for " + f.getFileName() + " (column " + header[pathCol] + ")");
      }
      labels.add(row[labelCol]);
      speakers.add(speakerCol >= 0 ? row[speakerCol] : null);
    }
    return build(files, labels, speakers, csv.toString());
  }

  private static Labelled build(
      List<Path> files, List<String> labels, List<String> speakers, String source) {
    List<String> classNames = allInts(labels) ? List.of() : List.copyOf(new TreeSet<>(labels));
    List<String> present = new ArrayList<>();
    for (String s : speakers) {
      if (s != null && !s.isEmpty()) {
        present.add(s);
      }
    }
    List<String> speakerNames = allInts(present) ? List.of() : List.copyOf(new TreeSet<>(present));
    List<Encoder.Item> items = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      int label = id(labels.get(i), classNames, source, files.get(i));
      String sp = speakers.get(i);
      int speaker = sp == null || sp.isEmpty() ? -1 : id(sp, speakerNames, source, files.get(i));
      items.add(
          new Encoder.Item(files.get(i), label, speaker, files.get(i).getFileName().toString()));
    }
    return new Labelled(items, classNames, speakerNames);
  }

  private static int id(String value, List<String> names, String source, Path file) {
    if (!names.isEmpty()) {
      return names.indexOf(value);
    }
    int v = Integer.parseInt(value.trim());
    if (v < 0) {
      throw new InputException(source, file.getFileName().toString(), "negative id " + v);
    }
    return v;
  }

  private static boolean allInts(List<String> values) {
    for (String v : values) {
      if (!v.trim().matches("-?[0-9]{1,9}")) {
        return false;
      }
    }
    return true;
  }
}
