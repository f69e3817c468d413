package org.spikescr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikescr.cli.Main;

/**
 * FSDD recordings encoded as the tests need them: {@code spikescr encode} with the cochlear
 * front-end in a 1 s window (as {@code spikescr fsdd} builds the splits), the digit and speaker
 * taken from the file name.
 */
public final class FsddEncode {
  private FsddEncode() {}

  /** The arguments of {@code spikescr encode} writing {@code out}, without the inputs. */
  public static List<String> args(Path out) {
    return new ArrayList<>(
        List.of(
            "encode",
            "--frontend",
            "cochlea",
            "--window-s",
            "1",
            "--label-from-name",
            "^(?<label>\\d)_(?<speaker>[a-z]+)_",
            "--out",
            out.toString()));
  }

  /** Encodes the recordings into {@code out}; fails the test when the command does not succeed. */
  public static void encode(List<Path> wavs, Path out) {
    List<String> args = args(out);
    wavs.forEach(p -> args.add(p.toString()));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
    assertEquals(0, code, String.join(" ", args) + "\n" + o + e);
  }

  /** The recording {@code <digit>_<speaker>_<take>.wav} of the shared FSDD folder. */
  public static Path recording(int digit, String speaker, int take) {
    return ProjectPaths.shared()
        .resolve("data/fsdd/recordings")
        .resolve(digit + "_" + speaker + "_" + take + ".wav");
  }
}
