package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.audio.Audio;
import org.spikescr.audio.WavWriter;
import org.spikescr.data.Dataset;
import org.spikescr.data.Sample;
import org.spikescr.data.SpikeEvents;
import org.spikescr.errors.InputException;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.InputKind;
import org.spikescr.model.ModelConfig;
import org.spikescr.model.QkLayout;
import org.spikescr.model.RandomModel;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.quant.Quantizer;
import org.spikescr.testing.ProjectPaths;
import org.spikescr.vectors.GoldenVectors;

/**
 * A generated corpus of bad inputs for every command: damaged model, dataset, WAV and .npy files
 * (truncations, flipped name bytes, patched values), absurd numbers for every numeric option and
 * hostile output paths. Every case must exit 2 with a one-line message naming the file or option,
 * print no stack trace, leave no output behind, change no file and finish within 60 s.
 */
class BadInputCorpusTest {
  /** The model's {@code time_steps}: distinctive, so its 8 bytes can be found and patched. */
  private static final int TIME_STEPS = 1234;

  /** A spike time found once in the dataset file, patched to absurd values. */
  private static final double MARK_TIME = 0.123456789;

  /** The dataset's window, found once in the file, patched to absurd values. */
  private static final double WINDOW_S = 0.3;

  @TempDir static Path base;

  /** Valid inputs the damaged ones are derived from. */
  static Path model;

  static Path quantized;
  static Path shortQuantized;
  static Path data;
  static Path wav;
  static Path conformance;
  static SpikeScrModel floatModel;

  /** A generated design whose T_max (8) is below the dataset's 12 frames. */
  static Path design;

  /** One case: its name, arguments, what the message must name, and a setup run before it. */
  record Case(String name, List<String> args, String expect, IoAction setup) {}

  /** A step that prepares a case's files just before it runs. */
  interface IoAction {
    void run() throws IOException;
  }

  private static final List<Case> CASES = new ArrayList<>();

  @BeforeAll
  static void inputs() throws IOException {
    Path valid = Files.createDirectories(base.resolve("valid"));
    ModelConfig c =
        new ModelConfig(
            16, 2, 1, 16, 3, 4, InputKind.SPIKES, 140, 25.0, 0, TIME_STEPS, QkLayout.TIME);
    floatModel = RandomModel.create(c, 7, 2.0);
    model = valid.resolve("model.h5");
    ModelFile.write(floatModel, model);
    quantized = valid.resolve("model-q8.h5");
    QuantizedModelFile.write(Quantizer.quantize(floatModel, QuantSettings.defaults(c)), quantized);
    QuantSettings tight = QuantSettings.defaults(c);
    shortQuantized = valid.resolve("model-tmax5.h5");
    QuantizedModelFile.write(
        Quantizer.quantize(
            floatModel,
            new QuantSettings(
                tight.weightBits(),
                tight.membraneFracBits(),
                tight.scaleSpanBits(),
                5,
                tight.inputFormat(),
                tight.ropeFracBits(),
                tight.expTableLength(),
                tight.expFracBits(),
                tight.probFracBits())),
        shortQuantized);
    data = valid.resolve("data.h5");
    DatasetFile.write(dataset(), data);
    ModelConfig small =
        new ModelConfig(16, 2, 1, 16, 3, 4, InputKind.SPIKES, 140, 25.0, 0, 4, QkLayout.TIME);
    Path smallQ = valid.resolve("model-t4.h5");
    QuantizedModelFile.write(
        Quantizer.quantize(RandomModel.create(small, 8, 2.0), QuantSettings.defaults(small)),
        smallQ);
    design = valid.resolve("design");
    CliRunner.Result g =
        CliRunner.run("generate", "--model", s(smallQ), "--out", s(design), "--lanes", "16");
    assertEquals(0, g.code(), g.err());
    wav = valid.resolve("3_alice_0.wav");
    double[] tone = new double[1600];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = 0.3 * Math.sin(2 * Math.PI * 440 * i / 8000.0);
    }
    WavWriter.write(new Audio(tone, 8000), wav);
    conformance = valid.resolve("case");
    Path official = ProjectPaths.officialCase();
    try (Stream<Path> s = Files.walk(official)) {
      for (Path p : s.toList()) {
        Path to = conformance.resolve(official.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().endsWith(".pt")) {
          Files.copy(p, to);
        }
      }
    }
  }

  private static Dataset dataset() {
    SplittableRandom r = new SplittableRandom(3);
    List<Sample> samples = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      int n = 200;
      double[] times = new double[n];
      int[] units = new int[n];
      for (int i = 0; i < n; i++) {
        times[i] = r.nextDouble() * (WINDOW_S - 0.01);
        units[i] = r.nextInt(700);
      }
      if (s == 0) {
        times[0] = MARK_TIME;
      }
      Arrays.sort(times);
      samples.add(Sample.ofSpikes(s, 0, "s" + s, new SpikeEvents(times, units)));
    }
    return new Dataset(
        InputKind.SPIKES, 700, samples, List.of("zero", "one", "two", "three"), WINDOW_S, 0);
  }

  // ---------------------------------------------------------------- damaged files

  /** Truncations of a file at fixed fractions and offsets. */
  private static List<byte[]> truncations(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    long[] at = {0, 1, 8, 100, 512};
    for (long n : at) {
      out.add(Arrays.copyOf(b, (int) Math.min(n, b.length - 1)));
    }
    for (double f : new double[] {0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
      out.add(Arrays.copyOf(b, (int) (b.length * f)));
    }
    out.add(Arrays.copyOf(b, b.length - 1));
    return out;
  }

  /** The file with one bit flipped in every occurrence of an ASCII name (so the name is lost). */
  private static byte[] flipName(byte[] b, String name) {
    byte[] pattern = name.getBytes(StandardCharsets.US_ASCII);
    byte[] out = b.clone();
    int found = 0;
    for (int i = 0; i + pattern.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
        out[i] ^= 0x01;
        found++;
      }
    }
    assertTrue(found > 0, "name " + name + " not found in the file");
    return out;
  }

  /** The file with the single occurrence of {@code from} replaced by {@code to}. */
  private static byte[] patch(byte[] b, byte[] from, byte[] to) {
    int at = -1;
    for (int i = 0; i + from.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
        assertEquals(-1, at, "pattern found more than once");
        at = i;
      }
    }
    assertTrue(at >= 0, "pattern not found");
    byte[] out = b.clone();
    System.arraycopy(to, 0, out, at, to.length);
    return out;
  }

  /** The file with {@code count} random bits flipped inside the stored values of a tensor. */
  private static byte[] flipBits(byte[] b, org.spikescr.model.Tensor t, int count) {
    float[] v = t.data();
    ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 4; i++) {
      head.putFloat(v[i]);
    }
    byte[] pattern = head.array();
    int at = -1;
    for (int i = 0; i + pattern.length <= b.length && at < 0; i++) {
      if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
        at = i;
      }
    }
    assertTrue(at >= 0, "tensor data not found");
    byte[] out = b.clone();
    SplittableRandom r = new SplittableRandom(count);
    for (int k = 0; k < count; k++) {
      int bit = r.nextInt(4 * v.length * 8);
      out[at + bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return out;
  }

  private static byte[] le(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  private static byte[] le(double v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
  }

  private static byte[] le(float v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array();
  }

  /** Writes a damaged variant into the corpus folder and returns its path. */
  private static Path variant(String name, byte[] bytes) {
    try {
      Path dir = Files.createDirectories(base.resolve("bad"));
      Path p = dir.resolve(name);
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> modelVariants(Path valid, String prefix, boolean quantizedFile)
      throws IOException {
    byte[] b = Files.readAllBytes(valid);
    List<Path> out = new ArrayList<>();
    List<byte[]> t = truncations(b);
    for (int i = 0; i < t.size(); i++) {
      out.add(variant(prefix + "-trunc" + i + ".h5", t.get(i)));
    }
    List<String> names =
        new ArrayList<>(
            List.of(
                "format_version",
                "kind",
                "d_model",
                "heads",
                "depth",
                "time_steps",
                "frame_ms",
                "input_kind",
                "qk_layout",
                "classes"));
    if (quantizedFile) {
      names.addAll(List.of("weight_bits", "max_time_steps", "membrane_bits", "threshold"));
    } else {
      names.addAll(List.of("running_var", "head"));
    }
    for (String n : names) {
      out.add(variant(prefix + "-noname-" + n + ".h5", flipName(b, n)));
    }
    out.add(variant(prefix + "-format.h5", flipName(b, "spikescr-model")));
    byte[] steps = le((long) TIME_STEPS);
    long[] absurdSteps = {0, -1, 1L << 20, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
    for (long v : absurdSteps) {
      out.add(variant(prefix + "-time_steps" + v + ".h5", patch(b, steps, le(v))));
    }
    byte[] frame = le(25.0);
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -5, 0}) {
      out.add(variant(prefix + "-frame_ms" + v + ".h5", patch(b, frame, le(v))));
    }
    out.add(variant(prefix + "-nochecksum.h5", flipName(b, "crc32")));
    if (!quantizedFile) {
      for (String name :
          List.of("head.weight", "blocks.0.attn.q_conv.weight", "spike_embed.conv.weight")) {
        out.add(
            variant(
                prefix + "-flip200-" + name + ".h5", flipBits(b, floatModel.tensor(name), 200)));
      }
      float var = floatModel.tensor("spike_embed.bn.running_var").data()[0];
      float w = floatModel.tensor("head.weight").data()[0];
      out.add(variant(prefix + "-negvar.h5", patch(b, le(var), le(-1.5f))));
      out.add(variant(prefix + "-nanweight.h5", patch(b, le(w), le(Float.NaN))));
      out.add(variant(prefix + "-infweight.h5", patch(b, le(w), le(Float.NEGATIVE_INFINITY))));
    }
    out.add(variant(prefix + "-empty.h5", new byte[0]));
    out.add(variant(prefix + "-text.h5", "not a model\n".getBytes(StandardCharsets.US_ASCII)));
    return out;
  }

  private static List<Path> dataVariants() throws IOException {
    byte[] b = Files.readAllBytes(data);
    List<Path> out = new ArrayList<>();
    List<byte[]> t = truncations(b);
    for (int i = 0; i < t.size(); i++) {
      out.add(variant("data-trunc" + i + ".h5", t.get(i)));
    }
    for (String n :
        List.of("format_version", "input_kind", "channels", "samples", "labels", "spikes")) {
      out.add(variant("data-noname-" + n + ".h5", flipName(b, n)));
    }
    out.add(variant("data-format.h5", flipName(b, "spikescr-dataset")));
    for (double v : new double[] {1e7, Double.NaN, -1, 0, 1e-9, Double.POSITIVE_INFINITY}) {
      out.add(variant("data-window" + v + ".h5", patch(b, le(WINDOW_S), le(v))));
    }
    for (double v : new double[] {Double.NaN, -1, Double.NEGATIVE_INFINITY}) {
      out.add(variant("data-time" + v + ".h5", patch(b, le(MARK_TIME), le(v))));
    }
    return out;
  }

  private static List<Path> wavVariants() throws IOException {
    byte[] b = Files.readAllBytes(wav);
    List<Path> out = new ArrayList<>();
    List<byte[]> t = truncations(b);
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).length < 44) {
        out.add(variant("3_bob_t" + i + ".wav", t.get(i)));
      }
    }
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int[][] fields = {
      {0, 4, 0x46464952 ^ 1}, // RIFF tag
      {8, 4, 0}, // WAVE tag
      {12, 4, 0}, // fmt tag
      {20, 2, 99}, // format code
      {22, 2, 0}, // channels
      {24, 4, 0}, // sample rate
      {24, 4, -1}, // sample rate
      {34, 2, 13}, // bits per sample
      {34, 2, 0}, // bits per sample
      {32, 2, 0}, // block align
    };
    for (int i = 0; i < fields.length; i++) {
      byte[] c = b.clone();
      ByteBuffer w = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
      if (fields[i][1] == 4) {
        w.putInt(fields[i][0], fields[i][2]);
      } else {
        w.putShort(fields[i][0], (short) fields[i][2]);
      }
      out.add(variant("3_bob_h" + i + ".wav", c));
    }
    assertEquals(0x46464952, h.getInt(0));
    out.add(variant("3_bob_text.wav", "RIFF? no".getBytes(StandardCharsets.US_ASCII)));
    return out;
  }

  // ---------------------------------------------------------------- the corpus

  private static void add(String name, String expect, String... args) {
    CASES.add(new Case(name, List.of(args), expect, () -> {}));
  }

  /** Adds the case only when {@code i} picks it: every k-th variant of a family for a command. */
  private static void addEvery(
      int i, int k, int which, String name, String expect, String... args) {
    if (i % k == which) {
      add(name, expect, args);
    }
  }

  private static String s(Path p) {
    return p.toString();
  }

  private static List<Case> corpus() throws IOException {
    CASES.clear();
    Path out = base.resolve("out");
    List<Path> models = modelVariants(model, "model", false);
    for (int i = 0; i < models.size(); i++) {
      Path m = models.get(i);
      String n = m.getFileName().toString();
      add("info " + n, n, "info", s(m));
      addEvery(
          i, 2, 1, "generate " + n, n, "generate", "--model", s(m), "--out", s(out.resolve("hw")));
      addEvery(
          i, 3, 0, "simulate " + n, n, "simulate", "--quiet", "--model", s(m), "--data", s(data));
      addEvery(
          i,
          3,
          1,
          "simulate fixed " + n,
          n,
          "simulate",
          "--quiet",
          "--mode",
          "fixed",
          "--model",
          s(m),
          "--data",
          s(data));
      addEvery(
          i,
          3,
          2,
          "quantize " + n,
          n,
          "quantize",
          "--model",
          s(m),
          "--out",
          s(out.resolve("q.h5")));
    }
    List<Path> quants = modelVariants(quantized, "quant", true);
    for (int i = 0; i < quants.size(); i++) {
      Path m = quants.get(i);
      String n = m.getFileName().toString();
      add("info " + n, n, "info", s(m));
      addEvery(
          i,
          2,
          0,
          "simulate fixed " + n,
          n,
          "simulate",
          "--quiet",
          "--mode",
          "fixed",
          "--model",
          s(m),
          "--data",
          s(data));
      addEvery(
          i,
          2,
          1,
          "golden " + n,
          n,
          "golden",
          "--model",
          s(m),
          "--data",
          s(data),
          "--out",
          s(out.resolve("g")));
    }
    List<Path> datas = dataVariants();
    for (int i = 0; i < datas.size(); i++) {
      Path d = datas.get(i);
      String n = d.getFileName().toString();
      addEvery(
          i, 2, 0, "simulate " + n, n, "simulate", "--quiet", "--model", s(model), "--data", s(d));
      addEvery(
          i,
          2,
          1,
          "plot " + n,
          n,
          "plot",
          "--data",
          s(d),
          "--index",
          "0",
          "--out",
          s(out.resolve("p.png")));
      addEvery(
          i,
          3,
          0,
          "golden " + n,
          n,
          "golden",
          "--model",
          s(quantized),
          "--data",
          s(d),
          "--out",
          s(out.resolve("g")));
      addEvery(
          i,
          3,
          1,
          "fidelity " + n,
          n,
          "fidelity",
          "--quiet",
          "--weight-bits",
          "8",
          "--model",
          s(model),
          "--data",
          s(d));
      addEvery(
          i,
          3,
          2,
          "quantize --calib " + n,
          n,
          "quantize",
          "--quiet",
          "--model",
          s(model),
          "--calib",
          s(d),
          "--out",
          s(out.resolve("q.h5")));
    }
    for (Path w : wavVariants()) {
      String n = w.getFileName().toString();
      add(
          "encode " + n,
          n,
          "encode",
          "--frontend",
          "cochlea",
          "--label-from-name",
          "^(\\d)_",
          "--out",
          s(out.resolve("e.h5")),
          s(w));
      add(
          "encode mel " + n,
          n,
          "encode",
          "--frontend",
          "mel",
          "--label-from-name",
          "^(\\d)_",
          "--out",
          s(out.resolve("e.h5")),
          s(w));
    }
    numbers(out);
    paths(out);
    designs();
    conformanceCases();
    return List.copyOf(CASES);
  }

  private static final List<String> BAD_INTEGERS =
      List.of("-1", "abc", "1.5", "99999999999", "", "0x10", "NaN");
  private static final List<String> BAD_REALS =
      List.of("0", "-5", "NaN", "Infinity", "-Infinity", "abc", "", "1e999");

  /** Absurd values for every numeric option of every command. */
  private static void numbers(Path out) {
    String m = s(model);
    String q = s(quantized);
    String d = s(data);
    String o = s(out.resolve("x.h5"));
    Map<String, List<String>> opts = new TreeMap<>();
    opts.put("simulate --limit", BAD_INTEGERS);
    opts.put("simulate --frame-ms", BAD_REALS);
    opts.put("simulate --weight-bits", List.of("0", "3", "17", "-1", "abc"));
    opts.put("quantize --weight-bits", List.of("0", "3", "17", "-1", "abc", "1e3"));
    opts.put("quantize --membrane-frac-bits", List.of("-1", "17", "abc", "NaN"));
    opts.put("quantize --max-time-steps", List.of("0", "-1", "2000000", "abc"));
    opts.put("quantize --limit", BAD_INTEGERS);
    opts.put("fidelity --weight-bits", List.of("0", "3", "8,17", "abc", "8,,4"));
    opts.put("fidelity --limit", BAD_INTEGERS);
    opts.put("golden --samples", BAD_INTEGERS);
    opts.put("golden --frame-ms", BAD_REALS);
    opts.put("plot --index", List.of("-1", "4", "99999999999", "abc"));
    opts.put("generate --lanes", List.of("0", "-1", "3", "5", "2048", "abc"));
    opts.put("generate --t-max", List.of("0", "-1", "5", "100000", "abc", "1.5"));
    opts.put("encode --window-s", List.of("0", "-1", "NaN", "Infinity", "1e9", "1e-9", "abc"));
    opts.put("encode --hop", List.of("0", "-1", "1000000000", "abc"));
    opts.put("encode --threads", List.of("0", "-1", "abc"));
    opts.put("fsdd --window-s", List.of("0", "-1", "NaN", "Infinity", "1e9", "1e-9"));
    opts.put("fsdd --hop", List.of("0", "-1", "1000000000"));
    opts.put("fsdd --threads", List.of("0", "-1"));
    opts.put("verify --samples", BAD_INTEGERS);
    opts.put("verify --frame-ms", BAD_REALS);
    opts.put("verify --idle", List.of("-1", "100", "abc", "1.5"));
    opts.put("verify --stall", List.of("-1", "100", "abc", "1.5"));
    opts.put("verify --seed", List.of("abc", "1.5", "99999999999"));
    opts.put("verify --sim", List.of("modelsim", "", "ICARUS "));
    opts.put("encode --gain-db", List.of("NaN", "Infinity", "61", "-1e9", "abc"));
    opts.put("encode --noise-snr-db", List.of("NaN", "-Infinity", "101", "abc"));
    opts.put("report --clock-mhz", BAD_REALS);
    opts.put("report --limit", BAD_INTEGERS);
    opts.put("report --raster-index", List.of("abc", "1.5", "99999999999"));
    opts.put("sweep --lanes", List.of("0", "-1", "3", "2048", "abc", "8,,16"));
    opts.put("sweep --weight-bits", List.of("0", "3", "17", "abc"));
    opts.put("sweep --jobs", List.of("0", "-1", "abc"));
    opts.put("sweep --clock-mhz", BAD_REALS);
    opts.put("sweep --part", List.of("xc7z999", ""));
    for (Map.Entry<String, List<String>> e : opts.entrySet()) {
      String cmd = e.getKey().substring(0, e.getKey().indexOf(' '));
      String opt = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      for (String v : e.getValue()) {
        List<String> args = new ArrayList<>();
        args.add(cmd);
        switch (cmd) {
          case "simulate" -> args.addAll(List.of("--quiet", "--model", m, "--data", d));
          case "quantize" ->
              args.addAll(List.of("--quiet", "--model", m, "--calib", d, "--out", o));
          case "fidelity" -> args.addAll(List.of("--quiet", "--model", m, "--data", d));
          case "golden" -> args.addAll(List.of("--model", q, "--data", d, "--out", s(out)));
          case "plot" -> args.addAll(List.of("--data", d, "--out", s(out.resolve("p.png"))));
          case "generate" -> args.addAll(List.of("--model", q, "--out", s(out.resolve("hw"))));
          case "encode" ->
              args.addAll(List.of("--frontend", "mel", "--label-from-name", "^(\\d)_", "--out", o));
          case "fsdd" ->
              args.addAll(List.of("--shared", s(ProjectPaths.shared()), "--out", s(out)));
          case "verify" -> args.addAll(List.of("--design", s(design), "--data", d));
          case "report" ->
              args.addAll(
                  List.of(
                      "--quiet",
                      "--design",
                      s(design),
                      "--data",
                      d,
                      "--out",
                      s(out.resolve("r.html"))));
          case "sweep" ->
              args.addAll(
                  List.of(
                      "--quiet",
                      "--model",
                      m,
                      "--data",
                      d,
                      "--out",
                      s(out.resolve("sweep")),
                      "--lanes",
                      "8"));
          default -> throw new IllegalStateException(cmd);
        }
        if (cmd.equals("simulate") && opt.equals("--weight-bits")) {
          args.addAll(List.of("--mode", "fixed"));
        }
        args.add(opt);
        args.add(v);
        if (cmd.equals("encode")) {
          args.add(s(wav));
        }
        add(cmd + " " + opt + " '" + v + "'", opt, args.toArray(new String[0]));
      }
    }
    add(
        "simulate T_max below the data",
        "--max-time-steps",
        "simulate",
        "--quiet",
        "--mode",
        "fixed",
        "--model",
        s(shortQuantized),
        "--data",
        d);
    add(
        "golden T_max below the data",
        "--max-time-steps",
        "golden",
        "--model",
        s(shortQuantized),
        "--data",
        d,
        "--out",
        s(out));
    add(
        "quantize T_max below the calibration data",
        "--max-time-steps",
        "quantize",
        "--quiet",
        "--model",
        m,
        "--max-time-steps",
        "5",
        "--calib",
        d,
        "--out",
        o);
    add(
        "simulate --frame-ms 0.001",
        "--frame-ms",
        "simulate",
        "--quiet",
        "--model",
        m,
        "--data",
        d,
        "--frame-ms",
        "0.001");
    add(
        "golden --frame-ms 1e9",
        "--frame-ms",
        "golden",
        "--model",
        q,
        "--data",
        d,
        "--frame-ms",
        "1e9",
        "--out",
        s(out));
  }

  /**
   * Design directories for {@code verify}: missing, without a manifest, a file, a manifest of
   * another format, and a design too short for the data.
   */
  private static void designs() throws IOException {
    String d = s(data);
    Path missing = base.resolve("no-such-design");
    add("verify --design missing", "no-such-design", "verify", "--design", s(missing), "--data", d);
    Path empty = Files.createDirectories(base.resolve("design-without-manifest"));
    add(
        "verify --design without manifest",
        "manifest.json",
        "verify",
        "--design",
        s(empty),
        "--data",
        d);
    add("verify --design a file", "model.h5", "verify", "--design", s(model), "--data", d);
    Path foreign = base.resolve("design-of-another-format");
    try (Stream<Path> files = Files.walk(design)) {
      for (Path p : files.toList()) {
        Path to = foreign.resolve(design.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path manifest = foreign.resolve("manifest.json");
    String text = Files.readString(manifest, StandardCharsets.UTF_8);
    String other = text.replaceFirst("\"format\": \"[^\"]*\"", "\"format\": \"other-design\"");
    assertFalse(other.equals(text), "the manifest names its format");
    Files.writeString(manifest, other, StandardCharsets.UTF_8);
    add(
        "verify --design of another format",
        "format",
        "verify",
        "--design",
        s(foreign),
        "--data",
        d);
    add("verify an utterance past T_max", "T_max", "verify", "--design", s(design), "--data", d);
    add("verify --data a model", "model.h5", "verify", "--design", s(design), "--data", s(model));
  }

  /** Outputs that are inputs, directories that are not ours, paths through files. */
  private static void paths(Path out) throws IOException {
    String m = s(model);
    String q = s(quantized);
    String d = s(data);
    Path foreign = Files.createDirectories(base.resolve("someone"));
    Files.writeString(foreign.resolve("thesis.txt"), "years of work\n");
    Files.createDirectories(foreign.resolve("sub"));
    Files.writeString(foreign.resolve("sub/notes.md"), "more\n");
    Path notOurs = Files.createDirectories(base.resolve("other-index"));
    Files.writeString(notOurs.resolve("index.json"), "{\"format\": \"something-else\"}\n");
    Path aFile = base.resolve("valid").resolve("model.h5");
    Path emptyDir = Files.createDirectories(base.resolve("empty-dir"));
    Path link = base.resolve("link-to-model.h5");
    Files.createSymbolicLink(link, model);
    Path dotdot = base.resolve("valid").resolve("sub").resolve("..");
    List<Path> notDirectories = List.of(foreign, notOurs, dotdot, base, base.resolve("valid"));
    for (Path dir : List.of(foreign, notOurs, dotdot)) {
      add("synth --design " + dir, dir.getFileName().toString(), "synth", "--design", s(dir));
    }
    add("synth --design a file", "model.h5", "synth", "--design", m);
    for (String part : List.of("xc7z045", "", "XC7", "xc7z020 ")) {
      add("synth --part '" + part + "'", "--part", "synth", "--design", s(foreign), "--part", part);
    }
    for (Path dir : notDirectories) {
      add("golden --out " + dir, "--out", "golden", "--model", q, "--data", d, "--out", s(dir));
      add("generate --out " + dir, "--out", "generate", "--model", q, "--out", s(dir));
    }
    add("generate --out the model", "--out", "generate", "--model", q, "--out", q);
    add("generate --out a file", "--out", "generate", "--model", q, "--out", m);
    add("golden --out a file", "--out", "golden", "--model", q, "--data", d, "--out", m);
    add(
        "golden --out under a file",
        "--out",
        "golden",
        "--model",
        q,
        "--data",
        d,
        "--out",
        s(aFile.resolve("g")));
    add("golden --out the model", "--out", "golden", "--model", q, "--data", d, "--out", q);
    add("quantize --out the model", "--out", "quantize", "--model", m, "--out", m);
    add("quantize --out a link to the model", "--out", "quantize", "--model", m, "--out", s(link));
    add(
        "quantize --out the model through ..",
        "--out",
        "quantize",
        "--model",
        m,
        "--out",
        s(base.resolve("valid/sub/../model.h5")));
    add("quantize --out a directory", "--out", "quantize", "--model", m, "--out", s(emptyDir));
    add(
        "quantize --out the calibration data",
        "--out",
        "quantize",
        "--quiet",
        "--model",
        m,
        "--calib",
        d,
        "--out",
        d);
    add(
        "quantize --out under a file",
        "--out",
        "quantize",
        "--model",
        m,
        "--out",
        s(aFile.resolve("q.h5")));
    add(
        "quantize --out a name over 255 bytes",
        "name too long",
        "quantize",
        "--model",
        m,
        "--out",
        s(base.resolve("q".repeat(297) + ".h5")));
    add("plot --out the data", "--out", "plot", "--data", d, "--index", "0", "--out", d);
    add(
        "plot --out a directory",
        "--out",
        "plot",
        "--data",
        d,
        "--index",
        "0",
        "--out",
        s(emptyDir));
    add(
        "encode --out the input",
        "--out",
        "encode",
        "--frontend",
        "mel",
        "--label-from-name",
        "^(\\d)_",
        "--out",
        s(wav),
        s(wav));
    add(
        "encode --out a directory",
        "--out",
        "encode",
        "--frontend",
        "mel",
        "--label-from-name",
        "^(\\d)_",
        "--out",
        s(emptyDir),
        s(wav));
    add("fsdd --out a file", "--out", "fsdd", "--shared", s(ProjectPaths.shared()), "--out", m);
    // inputs that are directories, missing or of the wrong kind
    Path missing = base.resolve("missing.h5");
    for (Path p : List.of(emptyDir, missing)) {
      String n = p.getFileName().toString();
      add("info " + n, n, "info", s(p));
      add("simulate --model " + n, n, "simulate", "--model", s(p), "--data", d);
      add("simulate --data " + n, n, "simulate", "--model", m, "--data", s(p));
      add("quantize --model " + n, n, "quantize", "--model", s(p), "--out", s(out.resolve("x")));
      add("plot --data " + n, n, "plot", "--data", s(p), "--index", "0", "--out", s(out));
      add("conformance --dir " + n, n, "conformance", "--dir", s(p));
      add("generate --model " + n, n, "generate", "--model", s(p), "--out", s(out.resolve("hw")));
      add("synth --design " + n, n, "synth", "--design", s(p));
      add(
          "golden --model " + n,
          n,
          "golden",
          "--model",
          s(p),
          "--data",
          d,
          "--out",
          s(out.resolve("g")));
    }
    add("simulate --data a model", "model.h5", "simulate", "--model", m, "--data", m);
    add("simulate --model a dataset", "data.h5", "simulate", "--model", d, "--data", d);
    add("quantize a quantized model", "model-q8.h5", "quantize", "--model", q, "--out", s(out));
    add(
        "encode --labels a directory",
        emptyDir.getFileName().toString(),
        "encode",
        "--frontend",
        "mel",
        "--labels",
        s(emptyDir),
        "--out",
        s(out.resolve("e.h5")),
        s(wav));
    add(
        "encode a directory without WAV files",
        emptyDir.getFileName().toString(),
        "encode",
        "--frontend",
        "mel",
        "--label-from-name",
        "^(\\d)_",
        "--out",
        s(out.resolve("e.h5")),
        s(emptyDir));
    add(
        "encode a missing file",
        "nothing.wav",
        "encode",
        "--frontend",
        "cochlea",
        "--label-from-name",
        "^(\\d)_",
        "--out",
        s(out.resolve("e.h5")),
        s(base.resolve("nothing.wav")));
    add("conformance --dir a file", "model.h5", "conformance", "--dir", m);
    add("fsdd without the data", "fsdd", "fsdd", "--shared", s(emptyDir), "--out", s(out));
  }

  /** Damaged .npy files and index of a conformance case. */
  private static void conformanceCases() throws IOException {
    byte[] inputs = Files.readAllBytes(conformance.resolve("inputs.npy"));
    List<byte[]> variants = new ArrayList<>(truncations(inputs));
    byte[] nan = inputs.clone();
    int header = 10 + (Byte.toUnsignedInt(nan[8]) | Byte.toUnsignedInt(nan[9]) << 8);
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(header + 8, Float.NaN);
    variants.add(nan);
    String head = new String(inputs, 10, header - 10, StandardCharsets.ISO_8859_1);
    byte[] body = Arrays.copyOfRange(inputs, header, inputs.length);
    variants.add(
        npy(head.replaceFirst("'shape': \\([^)]*\\)", "'shape': (99999999999, 1, 1)"), body));
    variants.add(npy(head.replaceFirst("'shape': \\([^)]*\\)", "'shape': (-4, 2, 70)"), body));
    variants.add(npy(head.replaceFirst("'shape': \\([^)]*\\)", "'shape': (4, 1e3, 140)"), body));
    variants.add(npy(head.replace("'<f4'", "'<c8'"), body));
    variants.add(flipName(inputs, "NUMPY"));
    Path dir = base.resolve("bad").resolve("case");
    copyCase(dir);
    for (int i = 0; i < variants.size(); i++) {
      byte[] v = variants.get(i);
      CASES.add(
          new Case(
              "conformance inputs.npy #" + i,
              List.of("conformance", "--quiet", "--dir", s(dir)),
              "inputs.npy",
              () -> {
                Files.deleteIfExists(dir.resolve("inputs.npy"));
                Files.write(dir.resolve("inputs.npy"), v);
              }));
    }
    Path broken = base.resolve("bad").resolve("case-index");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("index.json"), "{\"config\": [1, 2");
    Files.createLink(broken.resolve("inputs.npy"), conformance.resolve("inputs.npy"));
    add("conformance broken index", "index.json", "conformance", "--quiet", "--dir", s(broken));
  }

  /** A version-1 .npy file with the given header text and data. */
  private static byte[] npy(String headerText, byte[] body) {
    byte[] h = headerText.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + h.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) h.length);
    b.put(h);
    b.put(body);
    return b.array();
  }

  private static void copyCase(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.walk(conformance)) {
      for (Path p : s.toList()) {
        Path to = dir.resolve(conformance.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.createLink(to, p);
        }
      }
    }
  }

  // ---------------------------------------------------------------- checks

  private static Map<String, String> snapshot(Path root) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p) || Files.isDirectory(p)) {
          m.put(key, "dir-or-link");
        } else {
          CRC32 crc = new CRC32();
          crc.update(Files.readAllBytes(p));
          m.put(key, Files.size(p) + ":" + crc.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  private static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsRefusedCleanly() throws IOException {
    List<Case> cases = corpus();
    assertTrue(cases.size() >= 300, "corpus of " + cases.size() + " cases");
    Map<String, String> shared = snapshot(ProjectPaths.officialCase());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      c.setup().run();
                      Map<String, String> before = snapshot(base);
                      List<String> cwd = listing(Path.of(""));
                      CliRunner.Result r =
                          assertTimeoutPreemptively(
                              Duration.ofSeconds(60),
                              () -> CliRunner.run(c.args().toArray(new String[0])));
                      String all = r.out() + r.err();
                      assertEquals(2, r.code(), c.args() + "\n" + all);
                      assertTrue(r.err().startsWith("error: "), all);
                      assertTrue(
                          r.err().contains(c.expect()), "message names " + c.expect() + ": " + all);
                      assertFalse(all.contains("\tat "), "stack trace: " + all);
                      assertFalse(all.contains("Exception"), "raw exception: " + all);
                      assertFalse(all.contains("Error:"), "raw error: " + all);
                      assertEquals(before, snapshot(base), "files changed or left behind");
                      assertEquals(
                          cwd, listing(Path.of("")), "files left in the working directory");
                    }))
        .onClose(() -> assertEquals(shared, snapshot(ProjectPaths.officialCase())));
  }

  @Test
  void unsignedSixtyFourBitAttributesAreCheckedLikeAnyOther() throws Exception {
    // jhdf writes only signed integers: h5py writes the unsigned attributes a foreign tool could.
    Path dir = Files.createDirectories(base.resolve("unsigned"));
    Path huge = dir.resolve("huge.h5");
    Path small = dir.resolve("small.h5");
    Files.copy(model, huge);
    Files.copy(model, small);
    String script =
        """
        import sys, h5py, numpy as np
        with h5py.File(sys.argv[1], 'r+') as f: f.attrs['time_steps'] = np.uint64(2**63 + 5)
        with h5py.File(sys.argv[2], 'r+') as f: f.attrs['time_steps'] = np.uint64(3000000)
        """;
    Process p =
        new ProcessBuilder("/usr/bin/python3", "-c", script, s(huge), s(small))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "python timed out");
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    for (Path m : List.of(huge, small)) {
      for (String[] args :
          List.of(
              new String[] {"info", s(m)},
              new String[] {"simulate", "--quiet", "--model", s(m), "--data", s(data)})) {
        CliRunner.Result r = CliRunner.run(args);
        String all = r.out() + r.err();
        assertEquals(2, r.code(), all);
        assertTrue(r.err().contains(m.getFileName().toString()), all);
        assertTrue(r.err().contains("time_steps"), all);
        assertFalse(all.contains("Exception"), all);
      }
    }
  }

  @Test
  void aLegalNameOf255BytesIsWrittenWithoutLeftovers() throws IOException {
    Path dir = Files.createDirectories(base.resolve("long-names"));
    Path out = dir.resolve("\u00e9".repeat(126) + ".h5");
    assertEquals(255, out.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);
    CliRunner.Result r = CliRunner.run("quantize", "--model", s(model), "--out", s(out));
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(out.getFileName().toString()), listing(dir));
  }

  @Test
  void anErrorAfterTheProgressBarStartsOnANewLine() throws IOException {
    Path dir = Files.createDirectories(base.resolve("progress"));
    Files.copy(wav, dir.resolve("1_a_0.wav"));
    Files.write(dir.resolve("2_a_0.wav"), Arrays.copyOf(Files.readAllBytes(wav), 30));
    CliRunner.Result r =
        CliRunner.run(
            "encode",
            "--frontend",
            "mel",
            "--label-from-name",
            "^(\\d)_",
            "--out",
            s(dir.resolve("out.h5")),
            s(dir));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("1/2"), "a progress bar was drawn: " + r.err());
    assertTrue(r.err().contains("\nerror: "), "the error starts a line: " + r.err());
    assertFalse(Files.exists(dir.resolve("out.h5")));
  }

  @Test
  void fsddWritesAllSplitsOrNone() throws IOException {
    Path shared = base.resolve("fake-shared");
    Path fsdd = Files.createDirectories(shared.resolve("data/fsdd/recordings"));
    StringBuilder csv = new StringBuilder("path,digit,speaker,index,official_split\n");
    for (int take : new int[] {0, 5, 10}) {
      String name = "1_alice_" + take + ".wav";
      if (take == 5) {
        Files.write(fsdd.resolve(name), Arrays.copyOf(Files.readAllBytes(wav), 30));
      } else {
        Files.copy(wav, fsdd.resolve(name));
      }
      csv.append("recordings/").append(name).append(",1,alice,").append(take).append(",x\n");
    }
    Files.writeString(fsdd.resolveSibling("labels.csv"), csv.toString());
    Path out = Files.createDirectories(base.resolve("fsdd-out"));
    Path earlier = out.resolve("fsdd-cochlea-train.h5");
    Files.writeString(earlier, "an earlier build");
    CliRunner.Result r =
        CliRunner.run("fsdd", "--shared", s(shared), "--out", s(out), "--window-s", "0.5");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("1_alice_5.wav"), r.err());
    assertEquals(List.of("fsdd-cochlea-train.h5"), listing(out));
    assertEquals("an earlier build", Files.readString(earlier));
    Files.copy(
        wav, fsdd.resolve("1_alice_5.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRunner.Result ok =
        CliRunner.run("fsdd", "--shared", s(shared), "--out", s(out), "--window-s", "0.5");
    assertEquals(0, ok.code(), ok.err());
    assertEquals(
        List.of("fsdd-cochlea-test.h5", "fsdd-cochlea-train.h5", "fsdd-cochlea-val.h5"),
        listing(out));
  }

  @Test
  void theWorkingDirectoryAndItsParentsAreNeverReplaced() {
    for (String p : List.of(".", "..", "")) {
      InputException e =
          assertThrows(
              InputException.class,
              () ->
                  OutputPaths.checkReplaceableDirectory(
                      "--out", Path.of(p), GoldenVectors.KIND, List.of()));
      assertTrue(e.getMessage().contains("working directory"), e.getMessage());
    }
  }
}
