package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikescr.gen.tools.ProcessRunner;
import org.spikescr.gen.tools.ToolMissingException;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.ProjectPaths;

/**
 * {@code spikescr synth} on small design directories written here: a top module over library units
 * with a block-RAM image read through a path relative to the design directory, designs that fail
 * the lint or the synthesis checks, and damaged directories.
 */
class SynthCliTest {
  @TempDir static Path dir;

  /** The good design and its {@code --json} result. */
  static Path good;

  static Map<String, Object> json;

  /**
   * A 1024 x 36 ROM read at the input address (one RAMB36E1), its word queued in a 16-deep FIFO
   * (six RAM32M of distributed RAM), and a skid buffer on the output.
   */
  static final String TOP =
      """
      `resetall
      `timescale 1ns / 1ps
      `default_nettype none

      module fake_top (
          input  wire        clk,
          input  wire        rst,
          input  wire        s_valid,
          output wire        s_ready,
          input  wire [ 9:0] s_addr,
          output wire [35:0] m_data,
          output wire        m_valid,
          input  wire        m_ready
      );
        wire [35:0] word;
        wire [35:0] fifo_data;
        wire        fifo_valid;
        wire        fifo_ready;
        wire        skid_ready;
        reg         fetched_q;

        always @(posedge clk) begin
          if (rst) fetched_q <= 1'b0;
          else fetched_q <= s_valid & fifo_ready;
        end

        rom #(
            .WIDTH    (36),
            .DEPTH    (1024),
            .INIT_FILE("mem/fake_table.mem")
        ) u_rom (
            .clk (clk),
            .en  (s_valid & fifo_ready),
            .addr(s_addr),
            .data(word)
        );

        sync_fifo #(
            .WIDTH(36),
            .DEPTH(16)
        ) u_fifo (
            .clk    (clk),
            .rst    (rst),
            .s_data (word),
            .s_valid(fetched_q),
            .s_ready(fifo_ready),
            .m_data (fifo_data),
            .m_valid(fifo_valid),
            .m_ready(skid_ready)
        );

        skid_buffer #(
            .WIDTH(36)
        ) u_skid (
            .clk    (clk),
            .rst    (rst),
            .s_data (fifo_data),
            .s_valid(fifo_valid),
            .s_ready(skid_ready),
            .m_data (m_data),
            .m_valid(m_valid),
            .m_ready(m_ready)
        );

        assign s_ready = fifo_ready;
      endmodule

      `resetall
      """;

  /**
   * Registers and the parity of 6 bits (one LUT6) and of 36 bits (two levels: six LUT6 and a LUT6
   * over them).
   */
  static final String PARITY =
      """
      `default_nettype none
      module parity_top (
          input  wire        clk,
          input  wire [35:0] x,
          output wire        p6,
          output wire        p36
      );
        reg [35:0] x_q;
        reg p6_q, p36_q;
        always @(posedge clk) begin
          x_q   <= x;
          p6_q  <= ^x_q[5:0];
          p36_q <= ^x_q;
        end
        assign p6  = p6_q;
        assign p36 = p36_q;
      endmodule
      `default_nettype wire
      """;

  /** Writes a design directory: a manifest, {@code rtl/} files and {@code mem/} images. */
  static Path design(
      String name, Map<String, String> attributes, Map<String, String> rtl, String memName)
      throws IOException {
    return design(dir, name, attributes, rtl, memName);
  }

  /** As {@link #design(String, Map, Map, String)}, under {@code root}. */
  static Path design(
      Path root,
      String name,
      Map<String, String> attributes,
      Map<String, String> rtl,
      String memName)
      throws IOException {
    Path d = Files.createDirectories(root.resolve(name));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", "spikescr-design");
    manifest.put("version", 1);
    manifest.put("design", name);
    manifest.put("attributes", attributes);
    manifest.put("files", List.of());
    Files.writeString(d.resolve("manifest.json"), JsonCodec.pretty(manifest) + "\n");
    Files.createDirectories(d.resolve("rtl"));
    for (Map.Entry<String, String> f : rtl.entrySet()) {
      Files.writeString(d.resolve("rtl").resolve(f.getKey()), f.getValue());
    }
    if (memName != null) {
      Files.createDirectories(d.resolve("mem"));
      StringBuilder s = new StringBuilder("// fake_table: 1024 words of 36 bits\n");
      SplittableRandom rnd = new SplittableRandom(7);
      for (int i = 0; i < 1024; i++) {
        s.append(String.format("%09x%n", rnd.nextLong(1L << 36)));
      }
      Files.writeString(d.resolve("mem").resolve(memName), s.toString());
    }
    return d;
  }

  static String library(String file) throws IOException {
    return Files.readString(
        ProjectPaths.root().resolve("templates/static").resolve(file), StandardCharsets.UTF_8);
  }

  static String bad(String file) throws IOException {
    return Files.readString(
        ProjectPaths.root().resolve("tests/src/test/resources/rtl/bad").resolve(file),
        StandardCharsets.UTF_8);
  }

  static Map<String, String> goodRtl() throws IOException {
    Map<String, String> rtl = new LinkedHashMap<>();
    rtl.put("fake_top.v", TOP);
    for (String f : List.of("rom.v", "sync_fifo.v", "skid_buffer.v", "synaptic_engine.v")) {
      rtl.put(f, library(f));
    }
    return rtl;
  }

  @BeforeAll
  static void synthesizeTheGoodDesign() throws IOException {
    good = design("fake", Map.of("top", "fake_top"), goodRtl(), "fake_table.mem");
    CliRunner.Result r = CliRunner.run("synth", "--design", good.toString(), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    json = JsonCodec.parseObject(r.out());
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted().toList()) {
        m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.readString(p));
      }
    }
    return m;
  }

  @Test
  void reportsTheResourcesOfTheDesign() {
    assertEquals("fake", json.get("design"));
    assertEquals("fake_top", json.get("top"));
    assertEquals("xc7z020", json.get("part"));
    // the 1024 x 36 ROM is one RAMB36E1; the 16 x 36 FIFO memory six RAM32M (6 bits each)
    assertEquals(1.0, ((Number) json.get("bram36")).doubleValue(), json.toString());
    assertEquals(6, ((Number) json.get("lutram")).intValue(), json.toString());
    assertEquals(0, ((Number) json.get("dsp")).intValue(), json.toString());
    // output register and skid register of 36 + 1 bits each, at least
    long ff = ((Number) json.get("ff")).longValue();
    assertTrue(ff >= 2 * 37 && ff < 300, json.toString());
    long lut = ((Number) json.get("lut")).longValue();
    assertTrue(lut > 36 && lut < 1000, json.toString());
    int depth = ((Number) json.get("logic_depth")).intValue();
    assertTrue(depth >= 1 && depth <= 8, json.toString());
    assertEquals(0, ((Number) json.get("lint_warnings")).intValue());
    assertEquals(true, json.get("fits"));
    assertEquals(
        Map.of("lut", 53_200, "ff", 106_400, "bram36", 140.0, "dsp", 220), json.get("budget"));
    assertTrue(((Number) json.get("seconds")).doubleValue() > 0);
  }

  @Test
  void humanOutputIsATableAndAVerdictAndTheDesignIsLeftAsItWas() throws IOException {
    Map<String, String> before = snapshot(good);
    CliRunner.Result r = CliRunner.run("synth", "--design", good.toString(), "--part", "xc7a35t");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("fits xc7a35t: yes"), r.out());
    assertTrue(r.out().matches("(?s).*BRAM36 +1\\.0 +50\\b.*"), r.out());
    assertTrue(r.out().matches("(?s).*LUT as memory +6\\b.*"), r.out());
    assertEquals("", r.err());
    assertEquals(before, snapshot(good), "synth writes nothing into the design");
  }

  @Test
  void logicDepthOfAKnownFunction() throws IOException {
    Path d = design("parity", Map.of("top", "parity_top"), Map.of("parity_top.v", PARITY), null);
    CliRunner.Result r = CliRunner.run("synth", "--design", d.toString(), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    Map<String, Object> m = JsonCodec.parseObject(r.out());
    assertEquals(2, ((Number) m.get("logic_depth")).intValue(), r.out());
    assertEquals(1 + 1 + 36, ((Number) m.get("ff")).intValue(), r.out());
  }

  @Test
  void aLintWarningIsExitOneWithTheResultAndTheWarnings() throws IOException {
    Path d =
        design(
            "linty",
            Map.of("top", "lint_warning"),
            Map.of("lint_warning.v", bad("lint_warning.v")),
            null);
    CliRunner.Result r = CliRunner.run("synth", "--design", d.toString(), "--json");
    assertEquals(1, r.code(), r.out() + r.err());
    Map<String, Object> m = JsonCodec.parseObject(r.out());
    assertTrue(((Number) m.get("lint_warnings")).intValue() >= 2, r.out());
    assertTrue(r.err().contains("verilator --lint-only -Wall found"), r.err());
    assertTrue(r.err().contains("WIDTH"), r.err());
    assertTrue(r.err().contains("UNUSED"), r.err());
  }

  @Test
  void aLatchIsExitOneNamingIt() throws IOException {
    Path d =
        design(
            "latchy", Map.of("top", "has_latch"), Map.of("has_latch.v", bad("has_latch.v")), null);
    CliRunner.Result r = CliRunner.run("synth", "--design", d.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Yosys found"), r.err());
    assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("latch"), r.err());
    // the lint's findings on the same design are shown too
    assertTrue(r.err().contains("verilator --lint-only -Wall found"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badDesignDirectoriesAreExitTwoNamingTheProblem() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file.txt"), "x");
    Path noManifest = Files.createDirectories(dir.resolve("no-manifest"));
    Path notJson = Files.createDirectories(dir.resolve("not-json"));
    Files.writeString(notJson.resolve("manifest.json"), "{\"format\": ");
    Path golden = Files.createDirectories(dir.resolve("golden-dir"));
    Files.writeString(golden.resolve("manifest.json"), "{\"format\": \"spikescr-golden\"}");
    Path noTop = design("no-top", Map.of("lanes", "4"), goodRtl(), null);
    Path wrongTop = design("wrong-top", Map.of("top", "nowhere_top"), goodRtl(), null);
    Path emptyRtl = design("empty-rtl", Map.of("top", "fake_top"), Map.of(), null);
    Path noRtl = design("no-rtl", Map.of("top", "fake_top"), Map.of(), null);
    Files.delete(noRtl.resolve("rtl"));
    Object[][] cases = {
      {dir.resolve("missing"), "missing", "no such directory"},
      {file, "a-file.txt", "not a directory"},
      {noManifest, "manifest.json", "missing"},
      {notJson, "manifest.json", "not a JSON object"},
      {golden, "format", "spikescr-design"},
      {noTop, "attributes.top", "missing"},
      {wrongTop, "attributes.top", "nowhere_top"},
      {emptyRtl, "rtl", "no Verilog files"},
      {noRtl, "rtl", "missing"},
    };
    for (Object[] c : cases) {
      CliRunner.Result r = CliRunner.run("synth", "--design", c[0].toString());
      String all = r.out() + r.err();
      assertEquals(2, r.code(), c[0] + ": " + all);
      assertTrue(r.err().startsWith("error: "), all);
      assertTrue(r.err().contains((String) c[1]), c[1] + ": " + all);
      assertTrue(r.err().contains((String) c[2]), c[2] + ": " + all);
      assertFalse(all.contains("Exception"), all);
    }
  }

  @Test
  void anUnknownPartIsExitTwoNamingTheKnownOnes() {
    CliRunner.Result r =
        CliRunner.run("synth", "--design", good.toString(), "--part", "xc7z045", "--json");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--part"), r.err());
    assertTrue(r.err().contains("xc7z045"), r.err());
    assertTrue(r.err().contains("xc7z020") && r.err().contains("xc7a100t"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aMissingToolIsExitTwoWithTheInstallLine() {
    ToolMissingException e =
        assertThrows(
            ToolMissingException.class, () -> ProcessRunner.requireOnPath("spikescr-no-such-tool"));
    StringWriter err = new StringWriter();
    var cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(2, new ErrorHandler().handleExecutionException(e, cl, null));
    assertTrue(
        err.toString().startsWith("error: spikescr-no-such-tool was not found"), err.toString());
    assertTrue(err.toString().contains(ToolMissingException.INSTALL), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
  }
}
