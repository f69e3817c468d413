package org.spikescr.gen.emit.java;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The Java artefacts of one design ({@code DIR/java/}): a driver class with the design's constants,
 * the packing of input frames into the input stream's beats and the decoding of the output stream,
 * and a JUnit 5 regression test that replays the design's golden vectors through Verilator. The
 * golden vectors (input frames and the scores and class the golden model computes for them) are a
 * text file beside the sources. Only reads its inputs; identical inputs give identical text.
 */
public final class DriverEmitter {

  /**
   * What the generated classes need to know of a design.
   *
   * @param design the design's name (the prefix of its modules)
   * @param top the top module
   * @param bench the test bench module ({@code sim/<bench>.v})
   * @param inputChannels channels of an input frame
   * @param inputBits bits of one input channel
   * @param inputSigned whether input values are two's complement
   * @param lanesPerBeat channels per input beat
   * @param maxSteps {@code T_max}: the most frames of one utterance
   * @param classes classes K
   * @param scoreBits width of a readout score, {@code ap_uint}
   * @param outputBits width of the output stream's data
   * @param engineLanes lanes P of the synaptic engines
   */
  public record DesignFacts(
      String design,
      String top,
      String bench,
      int inputChannels,
      int inputBits,
      boolean inputSigned,
      int lanesPerBeat,
      int maxSteps,
      int classes,
      int scoreBits,
      int outputBits,
      int engineLanes) {}

  /**
   * One golden vector: an utterance's raw input values and what the design must answer.
   *
   * @param frames {@code [T][channels]} input values
   * @param scores the readout's K scores
   * @param label the class
   */
  @SuppressWarnings("ArrayRecordComponent") // the emitter only reads them
  public record Golden(long[][] frames, long[] scores, int label) {}

  /** Folder of the Java artefacts inside a design directory. */
  public static final String DIR = "java";

  /** File of the golden vectors inside {@link #DIR}. */
  public static final String GOLDEN = "golden-vectors.txt";

  private static final ClassName BIG = ClassName.get(BigInteger.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName PATH = ClassName.get("java.nio.file", "Path");
  private static final ClassName FILES = ClassName.get("java.nio.file", "Files");
  private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
  private static final ClassName TEMP_DIR = ClassName.get("org.junit.jupiter.api.io", "TempDir");
  private static final ClassName ASSERTIONS = ClassName.get("org.junit.jupiter.api", "Assertions");

  private DriverEmitter() {}

  /** The package of a design's classes. */
  public static String packageOf(DesignFacts f) {
    return "org.spikescr.design."
        + f.design().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  /** The simple name prefix of a design's classes: its name in upper camel case. */
  public static String classPrefix(DesignFacts f) {
    StringBuilder b = new StringBuilder();
    for (String part : f.design().split("[^A-Za-z0-9]+", -1)) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
      b.insert(0, "Design");
    }
    return b.toString();
  }

  /** Files by path relative to the design directory. */
  public static Map<String, String> emit(DesignFacts f, List<Golden> golden, long maxCycles) {
    String pkg = packageOf(f);
    String prefix = classPrefix(f);
    String dir = DIR + "/" + pkg.replace('.', '/') + "/";
    Map<String, String> out = new LinkedHashMap<>();
    ClassName driver = ClassName.get(pkg, prefix + "Driver");
    out.put(dir + driver.simpleName() + ".java", javaText(pkg, driver(f, driver)));
    ClassName test = ClassName.get(pkg, prefix + "RegressionTest");
    out.put(
        dir + test.simpleName() + ".java",
        javaText(pkg, regressionTest(f, driver, test, maxCycles)));
    out.put(DIR + "/" + GOLDEN, goldenText(f, golden));
    return out;
  }

  private static String javaText(String pkg, TypeSpec type) {
    return JavaFile.builder(pkg, type)
        .skipJavaLangImports(true)
        .indent("  ")
        .addFileComment(
            "Generated by spikescr-hw for one design. Do not edit: regenerate with `spikescr generate`.")
        .build()
        .toString();
  }

  /** The golden vectors: per utterance a {@code U} line, its frames, its scores and class. */
  static String goldenText(DesignFacts f, List<Golden> golden) {
    StringBuilder b = new StringBuilder();
    b.append("# golden vectors of design ")
        .append(f.design())
        .append(": U <frames>, then one F line of ")
        .append(f.inputChannels())
        .append(" input values per frame, S <")
        .append(f.classes())
        .append(" scores>, C <class>\n");
    for (Golden g : golden) {
      b.append("U ").append(g.frames().length).append('\n');
      for (long[] frame : g.frames()) {
        b.append('F');
        for (long v : frame) {
          b.append(' ').append(v);
        }
        b.append('\n');
      }
      b.append('S');
      for (long s : g.scores()) {
        b.append(' ').append(s);
      }
      b.append('\n').append("C ").append(g.label()).append('\n');
    }
    return b.toString();
  }

  private static FieldSpec constant(TypeName type, String name, Object value, String doc) {
    String format = value instanceof String ? "$S" : "$L";
    return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer(format, value)
        .addJavadoc(doc + "\n")
        .build();
  }

  private static TypeSpec driver(DesignFacts f, ClassName self) {
    ClassName beat = self.nestedClass("Beat");
    ClassName result = self.nestedClass("Result");
    TypeName beats = ParameterizedTypeName.get(LIST, beat);
    int beatsPerFrame = (f.inputChannels() + f.lanesPerBeat() - 1) / f.lanesPerBeat();
    TypeSpec beatType =
        TypeSpec.recordBuilder("Beat")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addJavadoc("One beat of a stream: its data and its {@code tlast}.\n")
            .recordConstructor(
                MethodSpec.constructorBuilder()
                    .addParameter(BIG, "data")
                    .addParameter(TypeName.BOOLEAN, "last")
                    .build())
            .build();
    TypeSpec resultType =
        TypeSpec.recordBuilder("Result")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addAnnotation(
                com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "ArrayRecordComponent")
                    .build())
            .addJavadoc("The answer of one utterance: the readout's scores and the class.\n")
            .recordConstructor(
                MethodSpec.constructorBuilder()
                    .addParameter(ArrayTypeName.of(TypeName.LONG), "scores")
                    .addParameter(TypeName.INT, "label")
                    .build())
            .build();
    MethodSpec pack =
        MethodSpec.methodBuilder("pack")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(beats)
            .addParameter(ArrayTypeName.of(ArrayTypeName.of(TypeName.LONG)), "frames")
            .addJavadoc(
                """
                The input stream's beats of one utterance: channel c of a frame in beat c / $L of the
                frame at bits [(c mod $L) * $L +: $L], tlast on the last beat.

                @param frames {@code [T][INPUT_CHANNELS]} raw input values, 1 <= T <= T_MAX
                @throws IllegalArgumentException on a length, width or value the design does not take
                """,
                f.lanesPerBeat(),
                f.lanesPerBeat(),
                f.inputBits(),
                f.inputBits())
            .beginControlFlow("if (frames.length < 1 || frames.length > T_MAX)")
            .addStatement(
                "throw new IllegalArgumentException($S + T_MAX + $S + frames.length)",
                "an utterance has 1 to ",
                " frames, got ")
            .endControlFlow()
            .addStatement("long lo = INPUT_SIGNED ? -(1L << (INPUT_BITS - 1)) : 0L")
            .addStatement(
                "long hi = INPUT_SIGNED ? (1L << (INPUT_BITS - 1)) - 1 : (1L << INPUT_BITS) - 1")
            .addStatement("$T out = new $T<>()", beats, ClassName.get("java.util", "ArrayList"))
            .beginControlFlow("for (int t = 0; t < frames.length; t++)")
            .beginControlFlow("if (frames[t].length != INPUT_CHANNELS)")
            .addStatement(
                "throw new IllegalArgumentException($S + t + $S + INPUT_CHANNELS + $S + frames[t].length)",
                "frame ",
                ": expected ",
                " channels, got ")
            .endControlFlow()
            .beginControlFlow("for (int b = 0; b < BEATS_PER_FRAME; b++)")
            .addStatement("$T word = $T.ZERO", BIG, BIG)
            .beginControlFlow("for (int j = 0; j < LANES_PER_BEAT; j++)")
            .addStatement("int c = b * LANES_PER_BEAT + j")
            .beginControlFlow("if (c >= INPUT_CHANNELS)")
            .addStatement("break")
            .endControlFlow()
            .addStatement("long v = frames[t][c]")
            .beginControlFlow("if (v < lo || v > hi)")
            .addStatement(
                "throw new IllegalArgumentException($S + t + $S + c + $S + lo + $S + hi + $S + v)",
                "frame ",
                " channel ",
                ": expected ",
                "..",
                ", got ")
            .endControlFlow()
            .addStatement(
                "word = word.or($T.valueOf(v & ((1L << INPUT_BITS) - 1)).shiftLeft(j * INPUT_BITS))",
                BIG)
            .endControlFlow()
            .addStatement(
                "out.add(new Beat(word, t == frames.length - 1 && b == BEATS_PER_FRAME - 1))")
            .endControlFlow()
            .endControlFlow()
            .addStatement("return $T.copyOf(out)", LIST)
            .build();
    MethodSpec decode =
        MethodSpec.methodBuilder("decode")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(result)
            .addParameter(beats, "out")
            .addJavadoc(
                """
                Decodes the output stream of one utterance: CLASSES score beats ({@code ap_uint<$L>}),
                then the class beat, the only one with tlast.

                @throws IllegalArgumentException when the beats are not such a sequence
                """,
                f.scoreBits())
            .beginControlFlow("if (out.size() != CLASSES + 1)")
            .addStatement(
                "throw new IllegalArgumentException($S + (CLASSES + 1) + $S + out.size())",
                "expected ",
                " output beats, got ")
            .endControlFlow()
            .addStatement("long[] scores = new long[CLASSES]")
            .beginControlFlow("for (int k = 0; k <= CLASSES; k++)")
            .beginControlFlow("if (out.get(k).last() != (k == CLASSES))")
            .addStatement(
                "throw new IllegalArgumentException($S + k)", "tlast out of place at output beat ")
            .endControlFlow()
            .endControlFlow()
            .beginControlFlow("for (int k = 0; k < CLASSES; k++)")
            .addStatement(
                "scores[k] = out.get(k).data().and($T.ONE.shiftLeft(SCORE_BITS).subtract($T.ONE)).longValueExact()",
                BIG,
                BIG)
            .endControlFlow()
            .addStatement("int label = out.get(CLASSES).data().intValueExact()")
            .beginControlFlow("if (label >= CLASSES)")
            .addStatement("throw new IllegalArgumentException($S + label)", "no such class: ")
            .endControlFlow()
            .addStatement("return new Result(scores, label)")
            .build();
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(
            """
                Driver of design {@code $L}: its constants, the packing of input frames into the beats of
                {@code s_axis} and the decoding of {@code m_axis} ({@code docs/hardware.md}, section 6).
                """,
            f.design())
        .addField(constant(ClassName.get(String.class), "DESIGN", f.design(), "The design's name."))
        .addField(constant(ClassName.get(String.class), "TOP", f.top(), "The top module."))
        .addField(
            constant(ClassName.get(String.class), "BENCH", f.bench(), "The test bench module."))
        .addField(
            constant(
                TypeName.INT, "INPUT_CHANNELS", f.inputChannels(), "Channels of an input frame."))
        .addField(constant(TypeName.INT, "INPUT_BITS", f.inputBits(), "Bits of one input channel."))
        .addField(
            constant(
                TypeName.BOOLEAN,
                "INPUT_SIGNED",
                f.inputSigned(),
                "Whether input values are two's complement."))
        .addField(
            constant(TypeName.INT, "LANES_PER_BEAT", f.lanesPerBeat(), "Channels per input beat."))
        .addField(
            constant(TypeName.INT, "BEATS_PER_FRAME", beatsPerFrame, "Input beats of one frame."))
        .addField(
            constant(
                TypeName.INT,
                "INPUT_BEAT_BITS",
                f.lanesPerBeat() * f.inputBits(),
                "Width of s_axis_tdata."))
        .addField(
            constant(TypeName.INT, "T_MAX", f.maxSteps(), "The most frames of one utterance."))
        .addField(
            constant(TypeName.INT, "CLASSES", f.classes(), "Classes: score beats per utterance."))
        .addField(constant(TypeName.INT, "SCORE_BITS", f.scoreBits(), "Width of a score, ap_uint."))
        .addField(
            constant(TypeName.INT, "OUTPUT_BEAT_BITS", f.outputBits(), "Width of m_axis_tdata."))
        .addField(
            constant(
                TypeName.INT, "ENGINE_LANES", f.engineLanes(), "Lanes P of the synaptic engines."))
        .addType(beatType)
        .addType(resultType)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(pack)
        .addMethod(decode)
        .build();
  }

  private static TypeSpec regressionTest(
      DesignFacts f, ClassName driver, ClassName self, long maxCycles) {
    ClassName beat = driver.nestedClass("Beat");
    ClassName result = driver.nestedClass("Result");
    ClassName arrayList = ClassName.get("java.util", "ArrayList");
    ClassName utf8 = ClassName.get("java.nio.charset", "StandardCharsets");
    TypeName beats = ParameterizedTypeName.get(LIST, beat);
    MethodSpec run =
        MethodSpec.methodBuilder("run")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(String.class)
            .addParameter(ParameterizedTypeName.get(LIST, ClassName.get(String.class)), "cmd")
            .addParameter(PATH, "dir")
            .addException(ClassName.get("java.io", "IOException"))
            .addException(ClassName.get(InterruptedException.class))
            .addJavadoc("Runs {@code cmd} in {@code dir}; its output, or a failed assertion.\n")
            .addStatement(
                "Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start()")
            .addStatement(
                "String text = new String(p.getInputStream().readAllBytes(), $T.UTF_8)", utf8)
            .addStatement("int code = p.waitFor()")
            .addStatement(
                "$T.assertEquals(0, code, () -> String.join($S, cmd) + $S + text)",
                ASSERTIONS,
                " ",
                "\n")
            .addStatement("return text")
            .build();
    MethodSpec designDir =
        MethodSpec.methodBuilder("designDir")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(PATH)
            .addJavadoc("The design directory: system property {@code spikescr.design}.\n")
            .addStatement("String dir = System.getProperty($S)", "spikescr.design")
            .addStatement(
                "$T.assertNotNull(dir, $S)",
                ASSERTIONS,
                "set -Dspikescr.design=<the design directory> to run the regression test")
            .addStatement("return $T.of(dir).toAbsolutePath()", PATH)
            .build();
    CodeBlock body =
        CodeBlock.builder()
            .addStatement("$T design = designDir()", PATH)
            .addStatement(
                "$T<String> lines = $T.readAllLines(design.resolve($S), $T.UTF_8)",
                LIST,
                FILES,
                DIR + "/" + GOLDEN,
                utf8)
            .addStatement("$T<long[][]> inputs = new $T<>()", LIST, arrayList)
            .addStatement("$T<$T> expected = new $T<>()", LIST, result, arrayList)
            .addStatement("$T<long[]> frames = new $T<>()", LIST, arrayList)
            .addStatement("long[] scores = null")
            .beginControlFlow("for (String line : lines)")
            .addStatement("String[] f = line.split($S, -1)", " ")
            .beginControlFlow("switch (f[0])")
            .add("case $S -> frames.clear();\n", "U")
            .add("case $S -> {\n", "F")
            .indent()
            .addStatement("long[] frame = new long[f.length - 1]")
            .beginControlFlow("for (int i = 1; i < f.length; i++)")
            .addStatement("frame[i - 1] = Long.parseLong(f[i])")
            .endControlFlow()
            .addStatement("frames.add(frame)")
            .unindent()
            .add("}\n")
            .add("case $S -> {\n", "S")
            .indent()
            .addStatement("scores = new long[f.length - 1]")
            .beginControlFlow("for (int i = 1; i < f.length; i++)")
            .addStatement("scores[i - 1] = Long.parseLong(f[i])")
            .endControlFlow()
            .unindent()
            .add("}\n")
            .add("case $S -> {\n", "C")
            .indent()
            .addStatement("inputs.add(frames.toArray(new long[0][]))")
            .addStatement("expected.add(new $T(scores, Integer.parseInt(f[1])))", result)
            .unindent()
            .add("}\n")
            .add("default -> { }\n")
            .endControlFlow()
            .endControlFlow()
            .addStatement("$T.assertFalse(inputs.isEmpty(), $S)", ASSERTIONS, "no golden vectors")
            .addStatement("StringBuilder stim = new StringBuilder()")
            .addStatement("int digits = ($T.INPUT_BEAT_BITS + 3) / 4", driver)
            .beginControlFlow("for (long[][] u : inputs)")
            .beginControlFlow("for ($T b : $T.pack(u))", beat, driver)
            .addStatement("String hex = b.data().toString(16)")
            .addStatement(
                "stim.append(b.last() ? $S : $S).append($S.repeat(digits - hex.length())).append(hex).append('\\n')",
                "1 ",
                "0 ",
                "0")
            .endControlFlow()
            .endControlFlow()
            .addStatement(
                "$T.writeString(work.resolve($S), stim.toString(), $T.UTF_8)",
                FILES,
                "stim.txt",
                utf8)
            .addStatement(
                "$T.createSymbolicLink(work.resolve($S), design.resolve($S))", FILES, "mem", "mem")
            .addStatement(
                "$T<String> build = new $T<>($T.of($S, $S, $S, $S, $S, $S, $S, $S, $S, $S, $S, $S, $T.BENCH))",
                LIST,
                arrayList,
                LIST,
                "verilator",
                "--binary",
                "--timing",
                "-Wno-fatal",
                "-Wno-lint",
                "-Wno-style",
                "-O1",
                "--Mdir",
                "obj",
                "-o",
                "sim",
                "--top-module",
                driver)
            .beginControlFlow(
                "try ($T<$T> s = $T.list(design.resolve($S)))",
                ClassName.get("java.util.stream", "Stream"),
                PATH,
                FILES,
                "rtl")
            .addStatement(
                "s.map($T::toString).filter(p -> p.endsWith($S)).sorted().forEach(build::add)",
                PATH,
                ".v")
            .endControlFlow()
            .addStatement(
                "build.add(design.resolve($S + $T.BENCH + $S).toString())", "sim/", driver, ".v")
            .addStatement("run(build, work)")
            .addStatement(
                "run($T.of(work.resolve($S).toString(), $S, $S, $S + inputs.size(), $S, $S, $S, $S), work)",
                LIST,
                "obj/sim",
                "+stim=stim.txt",
                "+trace=trace.txt",
                "+utterances=",
                "+max_cycles=" + maxCycles,
                "+seed=1",
                "+idle=0",
                "+stall=0")
            .addStatement("$T<$T> out = new $T<>()", LIST, beat, arrayList)
            .addStatement("int u = 0")
            .beginControlFlow(
                "for (String line : $T.readAllLines(work.resolve($S), $T.UTF_8))",
                FILES,
                "trace.txt",
                utf8)
            .beginControlFlow("if (!line.startsWith($S))", "O ")
            .addStatement("continue")
            .endControlFlow()
            .addStatement("String[] f = line.split($S, -1)", " ")
            .addStatement("out.add(new $T(new $T(f[1], 16), f[2].equals($S)))", beat, BIG, "1")
            .beginControlFlow("if (f[2].equals($S))", "1")
            .addStatement("$T got = $T.decode(out)", result, driver)
            .addStatement(
                "$T.assertTrue(u < expected.size(), $S)",
                ASSERTIONS,
                "more answers than utterances")
            .addStatement(
                "$T.assertArrayEquals(expected.get(u).scores(), got.scores(), $S + u)",
                ASSERTIONS,
                "scores of utterance ")
            .addStatement(
                "$T.assertEquals(expected.get(u).label(), got.label(), $S + u)",
                ASSERTIONS,
                "class of utterance ")
            .addStatement("out.clear()")
            .addStatement("u++")
            .endControlFlow()
            .endControlFlow()
            .addStatement(
                "$T.assertEquals(expected.size(), u, $S)", ASSERTIONS, "answered utterances")
            .build();
    MethodSpec replay =
        MethodSpec.methodBuilder("goldenVectorsReplayThroughVerilator")
            .addAnnotation(TEST)
            .addParameter(ParameterSpec.builder(PATH, "work").addAnnotation(TEMP_DIR).build())
            .addException(ClassName.get("java.io", "IOException"))
            .addException(ClassName.get(InterruptedException.class))
            .addJavadoc(
                """
                Packs the golden inputs with the driver, runs them through the design's test bench in
                Verilator and demands the golden scores and class of every utterance.
                """)
            .addCode(body)
            .build();
    MethodSpec roundTrip =
        MethodSpec.methodBuilder("packingPutsEveryChannelInItsLane")
            .addAnnotation(TEST)
            .addJavadoc(
                "The driver's packing: a frame of distinct values, read back lane by lane.\n")
            .addStatement("long[][] frame = new long[1][$T.INPUT_CHANNELS]", driver)
            .beginControlFlow("for (int c = 0; c < $T.INPUT_CHANNELS; c++)", driver)
            .addStatement(
                "frame[0][c] = c % ($T.INPUT_SIGNED ? 1L << ($T.INPUT_BITS - 1) : 1L << $T.INPUT_BITS)",
                driver, driver, driver)
            .endControlFlow()
            .addStatement("$T b = $T.pack(frame)", beats, driver)
            .addStatement("$T.assertEquals($T.BEATS_PER_FRAME, b.size())", ASSERTIONS, driver)
            .addStatement("$T.assertTrue(b.get(b.size() - 1).last())", ASSERTIONS)
            .beginControlFlow("for (int c = 0; c < $T.INPUT_CHANNELS; c++)", driver)
            .addStatement(
                "$T lane = b.get(c / $T.LANES_PER_BEAT).data().shiftRight((c % $T.LANES_PER_BEAT) * $T.INPUT_BITS)",
                BIG, driver, driver, driver)
            .addStatement(
                "$T.assertEquals(frame[0][c], lane.and($T.ONE.shiftLeft($T.INPUT_BITS).subtract($T.ONE)).longValueExact())",
                ASSERTIONS,
                BIG,
                driver,
                BIG)
            .endControlFlow()
            .addStatement(
                "$T.assertThrows(IllegalArgumentException.class, () -> $T.pack(new long[0][]))",
                ASSERTIONS,
                driver)
            .build();
    return TypeSpec.classBuilder(self)
        .addJavadoc(
            """
                Regression test of design {@code $L}: its golden vectors through Verilator ({@code
                -Dspikescr.design=<design directory>}; needs {@code verilator} on the PATH).
                """,
            f.design())
        .addMethod(replay)
        .addMethod(roundTrip)
        .addMethod(run)
        .addMethod(designDir)
        .build();
  }
}
