package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.audio.Audio;
import org.spikescr.audio.WavWriter;
import org.spikescr.data.Dataset;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.json.JsonCodec;
import org.spikescr.model.InputKind;

class EncodeCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** A short vowel-like sound: harmonics of f0 under a rise-and-fall envelope. */
  static void word(Path file, double f0, double seconds) {
    int rate = 8000;
    double[] x = new double[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      double env = Math.sin(Math.PI * i / x.length);
      double s = 0;
      for (int h = 1; h <= 10; h++) {
        s += Math.sin(2 * Math.PI * f0 * h * i / rate) / h;
      }
      x[i] = 0.3 * env * s;
    }
    WavWriter.write(new Audio(x, rate), file);
  }

  Path corpus() throws Exception {
    Path wavs = Files.createDirectories(dir.resolve("wavs"));
    word(wavs.resolve("0_anna_0.wav"), 120, 0.4);
    word(wavs.resolve("1_bob_0.wav"), 180, 0.5);
    word(wavs.resolve("1_anna_1.wav"), 150, 1.3);
    return wavs;
  }

  @Test
  void encodesCochleaFromFileNames() throws Exception {
    Path wavs = corpus();
    Path out = dir.resolve("d.h5");
    Run r = encodeWith(wavs, out, "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("100% 3/3"), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals(3, json.get("samples"));
    assertTrue(((Number) json.get("spikes")).longValue() > 100);
    Dataset d = DatasetFile.read(out);
    assertEquals(InputKind.SPIKES, d.kind());
    assertEquals(1.0, d.windowS());
    // files sorted by path: 0_anna_0, 1_anna_1, 1_bob_0; speakers anna=0, bob=1
    assertEquals(List.of(0, 1, 1), d.samples().stream().map(s -> s.label()).toList());
    assertEquals(List.of(0, 0, 1), d.samples().stream().map(s -> s.speaker()).toList());
    assertEquals("1_anna_1.wav", d.sample(1).source());
    assertTrue(d.sample(1).events().lastTimeS() < 1.0, "cut to the window");
    Path again = dir.resolve("d2.h5");
    run(
        "encode",
        "--frontend",
        "cochlea",
        "--window-s",
        "1.0",
        "--label-from-name",
        "^(?<label>\\d)_(?<speaker>[a-z]+)_",
        "--threads",
        "2",
        "--out",
        again.toString(),
        wavs.toString());
    assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
  }

  @Test
  void encodesMelFromCsvAndPlots() throws Exception {
    Path wavs = corpus();
    Path csv =
        Files.writeString(
            dir.resolve("labels.csv"),
            """
            path,label,speaker
            wavs/0_anna_0.wav,no,anna
            wavs/1_bob_0.wav,yes,bob
            wavs/1_anna_1.wav,yes,anna
            """);
    Path out = dir.resolve("m.h5");
    Run r =
        run(
            "encode",
            "--frontend",
            "mel",
            "--hop",
            "200",
            "--labels",
            csv.toString(),
            "--out",
            out.toString(),
            wavs.resolve("1_bob_0.wav").toString(),
            wavs.resolve("0_anna_0.wav").toString());
    assertEquals(0, r.code(), r.err());
    Dataset d = DatasetFile.read(out);
    assertEquals(InputKind.MEL, d.kind());
    assertEquals(List.of("no", "yes"), d.classNames());
    assertEquals(1, d.sample(0).label());
    assertEquals(41, d.sample(0).frameCount());
    assertEquals(200, d.hopSamples());
    Path png = dir.resolve("p.png");
    Path png2 = dir.resolve("p2.png");
    assertEquals(
        0, run("plot", "--data", out.toString(), "--index", "1", "--out", png.toString()).code());
    run("plot", "--data", out.toString(), "--index", "1", "--out", png2.toString());
    byte[] bytes = Files.readAllBytes(png);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    assertArrayEquals(bytes, Files.readAllBytes(png2));
  }

  @Test
  void badInputsExitWithTwo() throws Exception {
    Path wavs = corpus();
    Path out = dir.resolve("x.h5");
    Run badFrontend =
        run(
            "encode",
            "--frontend",
            "fft",
            "--label-from-name",
            "(\\d)",
            "--out",
            out.toString(),
            wavs.toString());
    assertEquals(2, badFrontend.code());
    assertTrue(badFrontend.err().contains("--frontend"), badFrontend.err());
    Run noMatch =
        run(
            "encode",
            "--frontend",
            "cochlea",
            "--label-from-name",
            "^x(\\d)",
            "--out",
            out.toString(),
            wavs.toString());
    assertEquals(2, noMatch.code());
    assertTrue(noMatch.err().contains("does not match"), noMatch.err());
    Files.writeString(wavs.resolve("9_bad_0.wav"), "RIFF junk");
    Run corrupt =
        run(
            "encode",
            "--frontend",
            "cochlea",
            "--label-from-name",
            "^(\\d)",
            "--out",
            out.toString(),
            wavs.toString());
    assertEquals(2, corrupt.code());
    assertTrue(corrupt.err().contains("9_bad_0.wav"), corrupt.err());
    assertTrue(!Files.exists(out));
    Run bothLabels =
        run(
            "encode",
            "--frontend",
            "cochlea",
            "--labels",
            "a.csv",
            "--label-from-name",
            "(x)",
            "--out",
            out.toString(),
            wavs.toString());
    assertEquals(2, bothLabels.code());
    Run badIndex =
        run(
            "plot",
            "--data",
            "missing.h5",
            "--index",
            "0",
            "--out",
            dir.resolve("a.png").toString());
    assertEquals(2, badIndex.code());
  }

  @Test
  void buildsFsddSplits() throws Exception {
    Path fsdd = Files.createDirectories(dir.resolve("shared/data/fsdd/recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    int[][] rows = {{3, 0}, {3, 7}, {5, 12}, {5, 4}};
    for (int[] row : rows) {
      String name = row[0] + "_zed_" + row[1] + ".wav";
      word(fsdd.resolve(name), 100 + 20 * row[0], 0.3);
      csv.append("recordings/").append(name).append(',').append(row[0]).append(",zed,");
      csv.append(row[1]).append(',').append(row[1] < 5 ? "test" : "train").append('\n');
    }
    Files.writeString(fsdd.getParent().resolve("labels.csv"), csv);
    Path out = dir.resolve("build");
    Run r =
        run(
            "fsdd",
            "--shared",
            dir.resolve("shared").toString(),
            "--out",
            out.toString(),
            "--json");
    assertEquals(0, r.code(), r.err());
    Dataset train = DatasetFile.read(out.resolve("fsdd-cochlea-train.h5"));
    Dataset val = DatasetFile.read(out.resolve("fsdd-cochlea-val.h5"));
    Dataset test = DatasetFile.read(out.resolve("fsdd-cochlea-test.h5"));
    assertEquals(1, train.size());
    assertEquals(1, val.size());
    assertEquals(2, test.size());
    assertEquals(10, test.classes());
    assertEquals("five", train.classNames().get(train.sample(0).label()));
    assertEquals("5_zed_12.wav", train.sample(0).source());
    assertEquals(1.0, val.windowS());
  }

  @Test
  void buildsOneLeaveOneSpeakerOutFold() throws Exception {
    Path fsdd = Files.createDirectories(dir.resolve("shared/data/fsdd/recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    for (String speaker : new String[] {"zed", "amy", "bo"}) {
      for (int take : new int[] {2, 11}) {
        String name = "4_" + speaker + "_" + take + ".wav";
        word(fsdd.resolve(name), 180, 0.3);
        csv.append("recordings/").append(name).append(",4,").append(speaker).append(',');
        csv.append(take).append(',').append(take < 5 ? "test" : "train").append('\n');
      }
    }
    Files.writeString(fsdd.getParent().resolve("labels.csv"), csv);
    String shared = dir.resolve("shared").toString();
    Path out = dir.resolve("build");
    Run r =
        run(
            "fsdd",
            "--shared",
            shared,
            "--out",
            out.toString(),
            "--split",
            "loso",
            "--test-speaker",
            "bo",
            "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals("loso", json.get("split"));
    assertEquals(List.of("amy", "zed"), json.get("train_speakers"));
    assertEquals(List.of("bo"), json.get("test_speakers"));
    Dataset train = DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-train.h5"));
    Dataset val = DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-val.h5"));
    Dataset test = DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-test.h5"));
    assertEquals(
        List.of("4_amy_11.wav", "4_zed_11.wav"),
        train.samples().stream().map(s -> s.source()).toList());
    assertEquals(
        List.of("4_amy_2.wav", "4_zed_2.wav"),
        val.samples().stream().map(s -> s.source()).toList());
    assertEquals(
        List.of("4_bo_2.wav", "4_bo_11.wav"),
        test.samples().stream().map(s -> s.source()).toList());
    // speaker ids: amy 0, bo 1, zed 2; the held-out id appears only in the test file
    assertEquals(List.of(1, 1), test.samples().stream().map(s -> s.speaker()).toList());
    assertTrue(train.samples().stream().noneMatch(s -> s.speaker() == 1));
    assertTrue(val.samples().stream().noneMatch(s -> s.speaker() == 1));
    assertTrue(Files.notExists(out.resolve("fsdd-cochlea-train.h5")));

    Path out2 = dir.resolve("build2");
    Run unknown =
        run(
            "fsdd",
            "--shared",
            shared,
            "--out",
            out2.toString(),
            "--split",
            "loso",
            "--test-speaker",
            "eve");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("'eve'"), unknown.err());
    assertEquals(
        2, run("fsdd", "--shared", shared, "--out", out2.toString(), "--split", "loso").code());
    assertEquals(
        2,
        run("fsdd", "--shared", shared, "--out", out2.toString(), "--test-speaker", "bo").code());
    assertEquals(
        2, run("fsdd", "--shared", shared, "--out", out2.toString(), "--split", "x").code());
    Run badName =
        run(
            "fsdd",
            "--shared",
            shared,
            "--out",
            out2.toString(),
            "--split",
            "loso",
            "--test-speaker",
            "../bo");
    assertEquals(2, badName.code());
    assertTrue(Files.notExists(out2) || isEmpty(out2), "no output on error");
  }

  /**
   * {@code --train-speeds}: the train split holds every training recording once per factor, in the
   * order given, named by its factor; val and test stay as recorded; a faster recording gives other
   * spikes than the recording, and bad factors are refused naming the option with nothing written.
   */
  @Test
  void speedPerturbationMultipliesTheTrainSplitOnly() throws Exception {
    Path fsdd = Files.createDirectories(dir.resolve("shared/data/fsdd/recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    for (String speaker : new String[] {"amy", "bo"}) {
      for (int take : new int[] {2, 11}) {
        String name = "6_" + speaker + "_" + take + ".wav";
        word(fsdd.resolve(name), 150 + 40 * take, 0.3);
        csv.append("recordings/").append(name).append(",6,").append(speaker).append(',');
        csv.append(take).append(',').append(take < 5 ? "test" : "train").append('\n');
      }
    }
    Files.writeString(fsdd.getParent().resolve("labels.csv"), csv);
    String shared = dir.resolve("shared").toString();
    Path plainOut = dir.resolve("plain");
    Path out = dir.resolve("fast");
    assertEquals(0, foldOfBo(shared, plainOut).code());
    Run r = foldOfBo(shared, out, "--train-speeds", "1,0.9,1.1", "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JsonCodec.parseObject(r.out());
    assertEquals(List.of(1.0, 0.9, 1.1), json.get("train_speeds"));
    Dataset plain = DatasetFile.read(plainOut.resolve("fsdd-cochlea-loso-bo-train.h5"));
    Dataset train = DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-train.h5"));
    assertEquals(
        List.of("6_amy_11.wav", "6_amy_11.wav@x0.9", "6_amy_11.wav@x1.1"),
        train.samples().stream().map(s -> s.source()).toList());
    assertEquals(plain.sample(0), train.sample(0), "factor 1 is the recording");
    assertEquals(List.of(6, 6, 6), train.samples().stream().map(s -> s.label()).toList());
    org.junit.jupiter.api.Assertions.assertNotEquals(
        train.sample(0).events(), train.sample(2).events(), "x1.1 changes the spikes");
    assertEquals(
        DatasetFile.read(plainOut.resolve("fsdd-cochlea-loso-bo-test.h5")).samples(),
        DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-test.h5")).samples(),
        "the test split stays as recorded");
    assertEquals(
        DatasetFile.read(plainOut.resolve("fsdd-cochlea-loso-bo-val.h5")).samples(),
        DatasetFile.read(out.resolve("fsdd-cochlea-loso-bo-val.h5")).samples(),
        "the val split stays as recorded");

    Path bad = dir.resolve("bad");
    Run tooFast = run("fsdd", "--shared", shared, "--out", bad.toString(), "--train-speeds", "1,3");
    assertEquals(2, tooFast.code());
    assertTrue(tooFast.err().contains("--train-speeds"), tooFast.err());
    Run twice =
        run("fsdd", "--shared", shared, "--out", bad.toString(), "--train-speeds", "0.9,0.9");
    assertEquals(2, twice.code());
    assertTrue(twice.err().contains("given twice"), twice.err());
    assertTrue(Files.notExists(bad) || isEmpty(bad), "no output on error");
  }

  /**
   * {@code --speed 1} is the recording as it is; {@code --speed 1.1} changes the spikes; a factor
   * out of range is refused naming the option.
   */
  @Test
  void speedChangesTheAudioBeforeTheFrontEnd() throws Exception {
    Path wavs = corpus();
    Path plain = dir.resolve("plain.h5");
    assertEquals(0, encodeWith(wavs, plain).code());
    Path one = dir.resolve("one.h5");
    assertEquals(0, encodeWith(wavs, one, "--speed", "1").code());
    Path fast = dir.resolve("fast.h5");
    assertEquals(0, encodeWith(wavs, fast, "--speed", "1.1").code());
    assertEquals(DatasetFile.read(plain).samples(), DatasetFile.read(one).samples());
    org.junit.jupiter.api.Assertions.assertNotEquals(
        DatasetFile.read(plain).samples(), DatasetFile.read(fast).samples());
    Run bad = encodeWith(wavs, dir.resolve("bad.h5"), "--speed", "0.2");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--speed"), bad.err());
    assertTrue(Files.notExists(dir.resolve("bad.h5")));
  }

  /** {@code fsdd --split loso --test-speaker bo} into {@code out}, with {@code extra} options. */
  private Run foldOfBo(String shared, Path out, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "fsdd",
                "--shared",
                shared,
                "--out",
                out.toString(),
                "--split",
                "loso",
                "--test-speaker",
                "bo"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static boolean isEmpty(Path d) throws java.io.IOException {
    try (var s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  private Run encodeWith(Path wavs, Path out, String... change) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "encode",
                "--frontend",
                "cochlea",
                "--window-s",
                "1.0",
                "--label-from-name",
                "^(?<label>\\d)_(?<speaker>[a-z]+)_",
                "--out",
                out.toString()));
    args.addAll(List.of(change));
    args.add(wavs.toString());
    return run(args.toArray(String[]::new));
  }

  /**
   * {@code --gain-db 0} is the recording as it is; a gain or noise changes the spikes; the same
   * noise seed gives the same spikes, and bad values are refused naming the option.
   */
  @Test
  void gainAndNoiseChangeTheAudioBeforeTheFrontEnd() throws Exception {
    Path wavs = corpus();
    Path plain = dir.resolve("plain.h5");
    assertEquals(0, encodeWith(wavs, plain).code());
    Path zero = dir.resolve("zero.h5");
    assertEquals(0, encodeWith(wavs, zero, "--gain-db", "0").code());
    Path loud = dir.resolve("loud.h5");
    assertEquals(0, encodeWith(wavs, loud, "--gain-db", "12").code());
    Path noisy1 = dir.resolve("noisy1.h5");
    Path noisy2 = dir.resolve("noisy2.h5");
    assertEquals(0, encodeWith(wavs, noisy1, "--noise-snr-db", "20").code());
    assertEquals(0, encodeWith(wavs, noisy2, "--noise-snr-db", "20").code());
    Dataset p = DatasetFile.read(plain);
    assertEquals(p.samples(), DatasetFile.read(zero).samples(), "0 dB changes nothing");
    org.junit.jupiter.api.Assertions.assertNotEquals(
        p.samples(), DatasetFile.read(loud).samples(), "+12 dB changes the spikes");
    org.junit.jupiter.api.Assertions.assertNotEquals(
        p.samples(), DatasetFile.read(noisy1).samples(), "noise changes the spikes");
    assertEquals(
        DatasetFile.read(noisy1).samples(), DatasetFile.read(noisy2).samples(), "same seed");
    Run bad = encodeWith(wavs, dir.resolve("bad.h5"), "--gain-db", "90");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--gain-db"), bad.err());
    Run badNoise = encodeWith(wavs, dir.resolve("bad.h5"), "--noise-snr-db", "NaN");
    assertEquals(2, badNoise.code());
    assertTrue(badNoise.err().contains("--noise-snr-db"), badNoise.err());
    assertTrue(Files.notExists(dir.resolve("bad.h5")));
  }
}
