package org.spikescr.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.fixed.CastResult;
import org.spikescr.fixed.FixedFormat;
import org.spikescr.fixed.FixedMath;
import org.spikescr.fixed.Overflow;
import org.spikescr.fixed.Quantization;
import org.spikescr.gen.tools.RtlBuild;
import org.spikescr.gen.tools.Simulator;
import org.spikescr.gen.tools.SynthReport;

/**
 * {@code fxp_requant} against the golden cast {@link FixedMath#cast}: every input value of small
 * formats in every (quantization, overflow) mode pair, and seeded random values of wide formats.
 * One bench instantiates eight formats times the 28 mode pairs, so each simulator compiles two
 * benches in all.
 */
class FxpRequantTest {
  private static final int MODES = 28;

  /**
   * A cast's source and target: widths, fraction bits (negative allowed) and signedness.
   *
   * @param wIn input width
   * @param fIn input fraction bits
   * @param sIn input signed
   * @param wOut output width
   * @param fOut output fraction bits
   * @param sOut output signed
   */
  record Cast(int wIn, int fIn, boolean sIn, int wOut, int fOut, boolean sOut) {
    FixedFormat from() {
      return new FixedFormat(wIn, wIn - fIn, sIn);
    }

    FixedFormat to() {
      return new FixedFormat(wOut, wOut - fOut, sOut);
    }

    /** The bench's packed parameter. */
    long packed() {
      return wIn
          | (long) (fIn + 64) << 6
          | (sIn ? 1L << 13 : 0)
          | (long) wOut << 14
          | (long) (fOut + 64) << 20
          | (sOut ? 1L << 27 : 0);
    }
  }

  /**
   * Small formats, every input value: signed and unsigned on both sides, fraction bits dropped
   * (one, several, more than the input has) and added, narrowing and widening, a negative fraction
   * count, and a 1-bit signed target (its SAT_SYM range is {0}).
   */
  static final List<Cast> SMALL =
      List.of(
          new Cast(8, 4, true, 5, 1, true), // drop 3, narrowing
          new Cast(7, 3, false, 4, 0, false), // unsigned, drop 3
          new Cast(6, 1, true, 5, 1, false), // signed to unsigned, same binary point
          new Cast(6, 0, false, 5, 2, true), // add 2, unsigned to signed, narrowing
          new Cast(5, 0, true, 9, 3, true), // add 3, widening, never overflows
          new Cast(7, 2, true, 10, 1, true), // drop 1, widening
          new Cast(4, 6, true, 3, 0, true), // drop 6, more than the input's 4 bits
          new Cast(8, -1, true, 1, -3, true)); // negative fractions, drop 2, 1-bit signed target

  /** Wide formats, seeded random values. */
  static final List<Cast> WIDE =
      List.of(
          new Cast(40, 20, true, 24, 8, true),
          new Cast(48, 10, false, 30, 12, true),
          new Cast(62, 30, true, 20, -2, true),
          new Cast(20, 0, true, 40, 15, true),
          new Cast(33, 31, false, 33, 1, false),
          new Cast(36, 12, true, 36, 12, false),
          new Cast(60, 40, true, 12, 0, true),
          new Cast(24, 8, true, 62, 30, false));

  static List<Simulator> simulators() {
    return Simulator.both();
  }

  private static RtlBuild bench(List<Cast> casts) {
    Map<String, Long> p = new LinkedHashMap<>();
    for (int f = 0; f < casts.size(); f++) {
      p.put("FMT" + f, casts.get(f).packed());
    }
    return UnitBench.bench("fxp_requant", p, "fxp_requant.v");
  }

  private static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }

  /** The low {@code bits} bits of {@code word} as a raw value of a format of that width. */
  private static long raw(long word, int bits, boolean signed) {
    long low = word & mask(bits);
    return signed && bits < 64 ? (low << (64 - bits)) >> (64 - bits) : low;
  }

  /** The bench's expected lines for every input word: per cast and mode pair, ovf and the value. */
  private static long[] expected(List<Cast> casts, long[] inputs) {
    long[] out = new long[inputs.length * casts.size() * MODES];
    int i = 0;
    for (long word : inputs) {
      for (Cast c : casts) {
        long raw = raw(word, c.wIn(), c.sIn());
        for (Quantization q : Quantization.values()) {
          for (Overflow o : Overflow.values()) {
            CastResult r = FixedMath.cast(raw, c.from(), c.to(), q, o);
            out[i + q.code() * 4 + o.code()] =
                (r.overflowed() ? 1L << 63 : 0L) | (r.raw() & mask(c.wOut()));
          }
        }
        i += MODES;
      }
    }
    return out;
  }

  private static long[] everyValue(List<Cast> casts) {
    int bits = 0;
    for (Cast c : casts) {
      bits = Math.max(bits, c.wIn());
    }
    long[] in = new long[1 << bits];
    for (int v = 0; v < in.length; v++) {
      in[v] = v;
    }
    return in;
  }

  /** Random words, with ties, extremes and small values of each cast mixed in. */
  private static long[] randomValues(List<Cast> casts, long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] in = new long[n];
    for (int i = 0; i < n; i++) {
      Cast c = casts.get(i % casts.size());
      int d = c.fIn() - c.fOut();
      long w = r.nextLong();
      switch (r.nextInt(6)) {
        case 0 -> w = d > 0 && d < 63 ? (w >> d) << d | 1L << (d - 1) : w; // an exact tie
        case 1 -> w = r.nextBoolean() ? -1L >>> (65 - c.wIn()) : 1L << (c.wIn() - 1); // max, min
        case 2 -> w = r.nextInt(-300, 300); // near zero
        case 3 -> w = w >> r.nextInt(64); // any magnitude
        default -> {}
      }
      in[i] = w;
    }
    return in;
  }

  private static void check(Simulator sim, List<Cast> casts, long[] inputs, int seed) {
    long[] expect = expected(casts, inputs);
    long checks = (long) inputs.length * casts.size() * MODES;
    assertEquals(expect.length, checks);
    BenchResult r =
        UnitBench.assertClean(
            sim,
            bench(casts),
            Map.of("in.hex", HexFile.of(inputs, 64), "expect.hex", HexFile.of(expect, 64)),
            List.of("+beats=" + inputs.length, "+seed=" + seed),
            checks);
    assertEquals(checks, r.beats(), r::describe);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void everyValueOfSmallFormatsInEveryMode(Simulator sim) {
    long[] inputs = everyValue(SMALL);
    assertEquals(256, inputs.length);
    // 256 inputs x 8 formats x 28 mode pairs, every one compared.
    check(sim, SMALL, inputs, 1);
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void randomValuesOfWideFormats(Simulator sim) {
    for (int seed = 1; seed <= 2; seed++) {
      check(sim, WIDE, randomValues(WIDE, seed, 250), seed);
    }
  }

  @Test
  void theExhaustiveCasesExerciseEveryRoundingAndOverflow() {
    // Guards the vectors themselves: each mode pair must round some value and overflow on some
    // value of the small formats, else the exhaustive test would not tell the modes apart.
    long[] in = everyValue(SMALL);
    for (Quantization q : Quantization.values()) {
      for (Overflow o : Overflow.values()) {
        int overflows = 0;
        int distinctFromTrn = 0;
        for (Cast c : SMALL) {
          for (long word : in) {
            long raw = raw(word, c.wIn(), c.sIn());
            CastResult r = FixedMath.cast(raw, c.from(), c.to(), q, o);
            CastResult t = FixedMath.cast(raw, c.from(), c.to(), Quantization.TRN, o);
            overflows += r.overflowed() ? 1 : 0;
            distinctFromTrn += r.raw() != t.raw() ? 1 : 0;
          }
        }
        assertTrue(overflows > 0, q + " " + o + ": no overflow");
        if (q != Quantization.TRN) {
          assertTrue(distinctFromTrn > 0, q + " " + o + ": never differs from TRN");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("simulators")
  void reportsACorruptedCast(Simulator sim) {
    long[] inputs = everyValue(SMALL);
    long[] expect = expected(SMALL, inputs);
    int bad = 77 * SMALL.size() * MODES + 3 * MODES + 4 * 6 + 1; // input 77, format 3, RND_CONV SAT
    expect[bad] ^= 1L << 63;
    BenchResult r =
        UnitBench.run(
            sim,
            bench(SMALL),
            Map.of("in.hex", HexFile.of(inputs, 64), "expect.hex", HexFile.of(expect, 64)),
            List.of("+beats=" + inputs.length));
    assertTrue(r.finished(), r::describe);
    assertEquals(1, r.mismatches(), r::describe);
    assertTrue(r.mismatchLines().get(0).contains("beat=" + bad), r::describe);
  }

  @Test
  void lintsAndSynthesizesCleanInEveryMode() {
    List<Cast> shapes =
        List.of(new Cast(16, 8, true, 8, 4, true), new Cast(12, 2, false, 10, 6, true));
    for (Cast c : shapes) {
      Map<String, Long> p = new LinkedHashMap<>();
      p.put("W_IN", (long) c.wIn());
      p.put("F_IN", (long) c.fIn());
      p.put("S_IN", c.sIn() ? 1L : 0L);
      p.put("W_OUT", (long) c.wOut());
      p.put("F_OUT", (long) c.fOut());
      p.put("S_OUT", c.sOut() ? 1L : 0L);
      List<Path> sources = new ArrayList<>();
      sources.add(UnitBench.benchDir().resolve("lint_fxp_requant_modes.v"));
      sources.add(UnitBench.library("fxp_requant.v"));
      RtlBuild all = new RtlBuild(sources, "lint_fxp_requant_modes", p, List.of());
      UnitBench.assertLintClean(all);
      SynthReport r = UnitBench.assertSynthClean(all);
      assertEquals(0, r.flipFlops(), () -> "combinational unit has flip-flops: " + r.cells());
      assertTrue(r.luts() > 0, () -> "cells " + r.cells());
    }
  }
}
