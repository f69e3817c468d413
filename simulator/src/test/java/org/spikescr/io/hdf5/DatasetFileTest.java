package org.spikescr.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.data.Dataset;
import org.spikescr.data.Framing;
import org.spikescr.data.FramingSpec;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.errors.InputException;
import org.spikescr.model.InputKind;

class DatasetFileTest {
  @TempDir Path dir;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(DatasetFileTest.class.getResource("/data/" + name).toURI());
  }

  @Test
  void readsOfficialVariableLengthLayout() throws Exception {
    Dataset d = DatasetFile.read(resource("official-shd-tiny.h5"));
    assertEquals(InputKind.SPIKES, d.kind());
    assertEquals(700, d.channels());
    assertEquals(3, d.size());
    assertEquals(20, d.classes());
    assertEquals("english-three", d.classNames().get(3));
    Sample s0 = d.sample(0);
    assertEquals(3, s0.label());
    assertEquals(1, s0.speaker());
    assertEquals(5, s0.events().count());
    assertArrayEquals(new int[] {0, 4, 5, 699, 10}, s0.events().units());
    // float16 in the file: 0.0125 is stored as 0.0124969482421875
    assertEquals(0.0124969482421875, s0.events().time(1), 0);
    assertEquals(0.25, s0.events().time(4), 0);
    assertEquals(1, d.sample(1).events().count());
    assertEquals(12, d.sample(2).label());
    assertEquals(0, d.windowS());
  }

  @Test
  void framesTheOfficialFixture() throws Exception {
    Sample s = DatasetFile.read(resource("official-shd-tiny.h5")).sample(0);
    // relative times 0, 12.497, 12.497, 29.999, 250 ms -> 25 frames of 10 ms; k = 0, 1, 1, 2, 25
    double[][] f = Framing.frames(s, FramingSpec.shd(10));
    assertEquals(25, f.length);
    assertEquals(1, f[0][0]);
    assertEquals(1, f[1][0]);
    assertEquals(1, f[1][1]);
    assertEquals(1, f[2][139]);
    assertEquals(1, f[24][2], "the spike at 250 ms (k = 25) falls into the last frame");
  }

  @Test
  void roundTripsSpikesByteIdentically() throws IOException {
    Dataset d =
        new Dataset(
            InputKind.SPIKES,
            700,
            List.of(
                Sample.ofSpikes(
                    1,
                    7,
                    "1_x_0.wav",
                    new SpikeEvents(new double[] {0, 0.5, 0.5, 0.99}, new int[] {3, 2, 699, 0})),
                Sample.ofSpikes(0, -1, "", new SpikeEvents(new double[] {0.25}, new int[] {1}))),
            List.of("zero", "one"),
            1.0,
            0);
    Path a = dir.resolve("a.h5");
    Path b = dir.resolve("b.h5");
    DatasetFile.write(d, a, "cochlea test");
    DatasetFile.write(d, b, "cochlea test");
    assertEquals(d, DatasetFile.read(a));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void roundTripsMel() {
    Dataset d =
        new Dataset(
            InputKind.MEL,
            2,
            List.of(
                Sample.ofFrames(0, 0, "x", new float[][] {{1, 2}, {3, -100}}),
                Sample.ofFrames(1, 1, "y", new float[][] {{0.5f, 0}})),
            List.of(),
            0,
            80);
    Path p = dir.resolve("mel.h5");
    DatasetFile.write(d, p);
    Dataset r = DatasetFile.read(p);
    assertEquals(d, r);
    assertEquals(80, r.hopSamples());
    assertEquals(2, r.classes());
  }

  @Test
  void readsHandMadeFlatFiles() {
    Dataset s = DatasetFile.read(FlatFixture.spikes().write(dir.resolve("s.h5")));
    assertEquals(2, s.size());
    assertEquals("a.wav", s.sample(0).source());
    assertEquals(-1, s.sample(1).speaker());
    Dataset m = DatasetFile.read(FlatFixture.mel().write(dir.resolve("m.h5")));
    assertEquals(-1, m.sample(0).speaker(), "missing /extra/speaker means unknown");
    assertEquals(2, m.sample(0).frameCount());
    assertEquals(-100f, m.sample(1).frameValue(0, 0));
  }

  @Test
  void failedWriteLeavesNothing() throws IOException {
    Dataset d =
        new Dataset(
            InputKind.SPIKES,
            700,
            List.of(Sample.ofSpikes(0, 0, "", new SpikeEvents(new double[0], new int[0]))),
            List.of(),
            0,
            0);
    Path p = dir.resolve("x.h5");
    assertThrows(IllegalArgumentException.class, () -> DatasetFile.write(d, p));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  static Stream<Arguments> badFlatFiles() {
    return Stream.of(
        bad("missing times", f -> f.data("spikes/times", null), "/spikes/times", "missing"),
        bad("missing labels", f -> f.data("labels", null), "/labels", "missing"),
        bad("missing offsets", f -> f.data("spikes/offsets", null), "/spikes/offsets", "missing"),
        bad("wrong format", f -> f.attr("format", "other"), "@format", "expected"),
        bad("wrong version", f -> f.attr("format_version", 2L), "@format_version", "expected 1"),
        bad("bad kind", f -> f.attr("input_kind", "wav"), "@input_kind", "expected 'spikes'"),
        bad(
            "units length",
            f -> f.data("spikes/units", new int[] {0, 1, 2, 3}),
            "/spikes/units",
            "expected 5 entries"),
        bad(
            "labels length",
            f -> f.data("labels", new int[] {1, 0, 0}),
            "/labels",
            "expected 2 entries"),
        bad(
            "speaker length",
            f -> f.data("extra/speaker", new int[] {1}),
            "/extra/speaker",
            "expected 2 entries"),
        bad(
            "offsets count",
            f -> f.data("spikes/offsets", new long[] {0, 5}),
            "/spikes/offsets",
            "expected 3 offsets"),
        bad(
            "offsets not monotone",
            f -> f.data("spikes/offsets", new long[] {0, 4, 3}),
            "/spikes/offsets",
            "not monotone"),
        bad(
            "offsets end",
            f -> f.data("spikes/offsets", new long[] {0, 3, 4}),
            "/spikes/offsets",
            "does not match"),
        bad(
            "empty sample",
            f -> f.data("spikes/offsets", new long[] {0, 5, 5}),
            "/spikes/offsets",
            "sample 1 has no spikes"),
        bad(
            "unit too large",
            f -> f.data("spikes/units", new int[] {0, 700, 5, 7, 7}),
            "/spikes/units",
            "sample 0 spike 1: unit 700; expected 0..699"),
        bad(
            "unit negative",
            f -> f.data("spikes/units", new int[] {0, 1, 5, 7, -3}),
            "/spikes/units",
            "sample 1 spike 1: unit -3"),
        bad(
            "time not finite",
            f -> f.data("spikes/times", new double[] {0, Double.NaN, 0.02, 0.1, 0.3}),
            "/spikes/times",
            "sample 0 spike 1: time NaN"),
        bad(
            "time negative",
            f -> f.data("spikes/times", new double[] {-0.5, 0.01, 0.02, 0.1, 0.3}),
            "/spikes/times",
            "expected finite and >= 0"),
        bad(
            "times descending",
            f -> f.data("spikes/times", new double[] {0, 0.01, 0.02, 0.3, 0.1}),
            "/spikes/times",
            "sample 1 spike 1: time 0.1 is before the previous 0.3"),
        bad(
            "negative label",
            f -> f.data("labels", new int[] {1, -2}),
            "/labels",
            "sample 1: label -2; expected 0 or more"),
        bad(
            "label without name",
            f -> f.data("labels", new int[] {2, 0}),
            "/labels",
            "/extra/keys names only 2"));
  }

  private static Arguments bad(
      String name, UnaryOperator<FlatFixture> change, String field, String message) {
    return Arguments.of(name, change, field, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFlatFiles")
  void rejectsBadFlatSpikeFiles(
      String name, UnaryOperator<FlatFixture> change, String field, String message) {
    Path p = change.apply(FlatFixture.spikes()).write(dir.resolve("bad.h5"));
    InputException e = assertThrows(InputException.class, () -> DatasetFile.read(p));
    assertEquals(p.toString(), e.source());
    assertTrue(e.field().startsWith(field), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void rejectsBadMelFiles() {
    Path wrongWidth =
        FlatFixture.mel()
            .data("frames/data", new float[][] {{1, 2}, {3, 4}, {5, 6}})
            .write(dir.resolve("w.h5"));
    assertMessage(wrongWidth, "/frames/data", "expected shape (frames, 3)");
    Path nan =
        FlatFixture.mel()
            .data("frames/data", new float[][] {{1, 2, 3}, {4, Float.NaN, 6}, {0, 0, 0}})
            .write(dir.resolve("n.h5"));
    assertMessage(nan, "/frames/data", "frame 1 band 1 is NaN");
    Path noHop = FlatFixture.mel().attr("hop_samples", null).write(dir.resolve("h.h5"));
    assertMessage(noHop, "@hop_samples", "missing attribute");
    Path empty =
        FlatFixture.mel().data("frames/offsets", new long[] {0, 0, 3}).write(dir.resolve("e.h5"));
    assertMessage(empty, "/frames/offsets", "sample 0 has no frames");
  }

  @Test
  void rejectsMissingCorruptAndTruncatedFiles() throws IOException {
    assertMessage(dir.resolve("none.h5"), "", "no such file");
    Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5 at all");
    assertMessage(text, "", "not a readable HDF5 file");
    Path good = FlatFixture.spikes().write(dir.resolve("good.h5"));
    byte[] bytes = Files.readAllBytes(good);
    for (int cut : new int[] {bytes.length / 2, bytes.length - 200, 100}) {
      Path cutFile = dir.resolve("cut" + cut + ".h5");
      Files.write(cutFile, java.util.Arrays.copyOf(bytes, cut));
      InputException e = assertThrows(InputException.class, () -> DatasetFile.read(cutFile));
      assertEquals(cutFile.toString(), e.source());
    }
  }

  @Test
  void everyTruncationIsAnInputError() throws Exception {
    byte[] official = Files.readAllBytes(resource("official-shd-tiny.h5"));
    byte[] flat = Files.readAllBytes(FlatFixture.spikes().write(dir.resolve("flat.h5")));
    assertCutsFail(official);
    assertCutsFail(flat);
  }

  private void assertCutsFail(byte[] bytes) throws IOException {
    for (int cut = 0; cut < bytes.length; cut += 37) {
      Path p = dir.resolve("official-cut.h5");
      Files.write(p, java.util.Arrays.copyOf(bytes, cut));
      InputException e =
          assertThrows(InputException.class, () -> DatasetFile.read(p), "cut " + cut);
      assertEquals(p.toString(), e.source());
    }
  }

  @Test
  void corruptedBytesNeverEscapeAsOtherExceptions() throws Exception {
    byte[] bytes = Files.readAllBytes(resource("official-shd-tiny.h5"));
    Path p = dir.resolve("official-flipped.h5");
    for (int at = 0; at < bytes.length; at += 61) {
      byte[] b = bytes.clone();
      b[at] ^= (byte) 0xA5;
      Files.write(p, b);
      try {
        DatasetFile.read(p);
      } catch (InputException expected) {
        assertEquals(p.toString(), expected.source());
      }
    }
  }

  @Test
  void rejectsOfficialFileWithoutVariableLengthTimes() {
    Path p = FlatFixture.spikes().attr("format", null).write(dir.resolve("noformat.h5"));
    assertMessage(p, "/spikes/times", "expected variable-length arrays");
  }

  private static void assertMessage(Path p, String field, String message) {
    InputException e = assertThrows(InputException.class, () -> DatasetFile.read(p));
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
