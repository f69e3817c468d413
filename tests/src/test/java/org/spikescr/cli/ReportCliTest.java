package org.spikescr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.spikescr.json.JsonCodec;
import org.spikescr.testing.FsddEncode;
import org.spikescr.testing.ProjectPaths;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code spikescr report} on the bundled design and ten real FSDD utterances: its JSON holds the
 * figures the page shows and they add up (passes and load to the total, latency to cycles over
 * clock, utilization to operations over lanes and cycles); the HTML parses as XML, embeds its four
 * plots as PNG images that decode, and works offline (no external reference); the same input gives
 * the same bytes; resources come from a synth result of the same design only, and bad input leaves
 * no page behind.
 */
@ResourceLock(ProjectPaths.BUNDLED_DESIGN)
class ReportCliTest {
  @TempDir static Path dir;

  static Path data;
  static Path synth;
  static final Path DESIGN = ProjectPaths.bundledDesign();
  static final Path TEACHER = ProjectPaths.root().resolve("models/fsdd-teacher-t100.h5");

  @BeforeAll
  static void encodeTenUtterances() throws IOException {
    String[] speakers = {"jackson", "lucas", "nicolas", "theo", "yweweler"};
    data = dir.resolve("ten.h5");
    List<Path> wavs = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      wavs.add(FsddEncode.recording(digit, speakers[digit % 5], digit % 3));
    }
    FsddEncode.encode(wavs, data);
    synth = dir.resolve("synth.json");
    Files.writeString(
        synth,
        """
        {"design": "spikescr", "top": "spikescr_top", "part": "xc7z020", "lut": 47325,
         "ff": 28306, "bram36": 120.5, "dsp": 33, "carry": 3410, "lutram": 481,
         "logic_depth": 24, "fits": true, "lint_warnings": 0, "seconds": 1.0}
        """,
        StandardCharsets.UTF_8);
  }

  private static CliRunner.Result report(Path html, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "report",
                "--design",
                DESIGN.toString(),
                "--data",
                data.toString(),
                "--out",
                html.toString(),
                "--quiet",
                "--json"));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private static double num(Map<String, Object> m, String key) {
    assertTrue(m.get(key) instanceof Number, key + " is a number: " + m.get(key));
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void figuresAddUpAndThePageShowsThem() throws Exception {
    Path html = dir.resolve("full.html");
    Path pngs = dir.resolve("pngs");
    CliRunner.Result r =
        report(
            html,
            "--synth",
            synth.toString(),
            "--teacher",
            TEACHER.toString(),
            "--limit",
            "10",
            "--png-dir",
            pngs.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> j = JsonCodec.parseObject(r.out());
    assertEquals(10, num(j, "samples"));
    double cycles = num(j, "cycles");
    assertTrue(cycles > 5_000 && cycles < 200_000, "cycles " + cycles);
    assertEquals(cycles / 200, num(j, "latency_us"), 1e-9);
    assertEquals(47325, num(j, "lut"));
    assertEquals(28306, num(j, "ff"));
    assertEquals(120.5, num(j, "bram36"));
    assertEquals(33, num(j, "dsp"));
    assertEquals(24, num(j, "logic_depth"));
    assertTrue((Boolean) j.get("fits"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> passes = (List<Map<String, Object>>) j.get("passes");
    assertEquals(16, passes.size(), "embedding, 14 passes of the block, head");
    double sum = num(j, "load_cycles");
    double ideal = 0;
    double ops = 0;
    // each pass against the lanes of its engine: the design's manifest names the wider ones
    Map<String, Object> manifest =
        JsonCodec.parseObject(
            Files.readString(DESIGN.resolve("manifest.json"), StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    Map<String, Object> attrs = (Map<String, Object>) manifest.get("attributes");
    int engineLanes = Integer.parseInt((String) attrs.get("engine_lanes"));
    int embedLanes = Integer.parseInt((String) attrs.get("embed_lanes"));
    assertEquals(128, engineLanes, "the default shared engine of the bundled design");
    assertEquals(64, embedLanes, "the default embedding engine of the bundled design");
    // the passes on spikes add two rows per cycle: twice the engine's lanes
    assertEquals("true", attrs.get("pairs"), "the bundled design takes two events per cycle");
    List<String> paired =
        List.of(
            "blocks.0.attn.proj",
            "blocks.0.mlp1.fc2",
            "blocks.0.conformer_module.gate",
            "blocks.0.conformer_module.gsu_proj",
            "blocks.0.conformer_module.value",
            "blocks.0.mlp2.fc2");
    for (Map<String, Object> p : passes) {
      sum += num(p, "cycles");
      ops += num(p, "operations");
      ideal += num(p, "ideal_cycles");
      String name = (String) p.get("name");
      int lanes =
          name.equals("spike_embed")
              ? embedLanes
              : name.equals("head") || name.endsWith(".attn")
                  ? 32
                  : paired.contains(name) ? 2 * engineLanes : engineLanes;
      assertEquals(num(p, "operations") / lanes, num(p, "ideal_cycles"), 1e-6, name);
      double u = num(p, "utilization");
      assertTrue(u > 0 && u <= 1, p.get("name") + " utilization " + u);
    }
    assertEquals(cycles, sum, 1e-6, "load and passes add up to the total");
    assertEquals(num(j, "synaptic_ops") + num(j, "attention_ops"), ops, 1e-6);
    assertEquals(ideal / cycles, num(j, "utilization"), 1e-9);
    @SuppressWarnings("unchecked")
    Map<String, Object> energy = (Map<String, Object>) j.get("energy");
    assertEquals(
        num(energy, "weight_reads_uj")
            + num(energy, "accumulations_uj")
            + num(energy, "state_updates_uj"),
        num(j, "energy_uj"),
        1e-9);
    assertEquals(num(j, "synaptic_ops") * 0.9e-6, num(energy, "ops_method_uj"), 1e-9);
    @SuppressWarnings("unchecked")
    Map<String, Object> teacher = (Map<String, Object>) j.get("teacher");
    assertEquals(100, num(teacher, "time_steps"));
    assertTrue(num(teacher, "synaptic_ops") > num(j, "synaptic_ops"), "the teacher works more");
    assertTrue(num(j, "accuracy") >= 0.8, "the student hears most of ten digits");

    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertFalse(page.contains("http://") || page.contains("https://"), "no external reference");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    NodeList imgs = doc.getElementsByTagName("img");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < imgs.getLength(); i++) {
      Element img = (Element) imgs.item(i);
      ids.add(img.getAttribute("id"));
      String src = img.getAttribute("src");
      String prefix = "data:image/png;base64,";
      assertTrue(src.startsWith(prefix), img.getAttribute("id") + " is an embedded PNG");
      BufferedImage png =
          ImageIO.read(
              new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(prefix.length()))));
      assertNotNull(png, img.getAttribute("id") + " decodes");
      assertEquals(900, png.getWidth());
      String file = img.getAttribute("id").replace("-plot", ".png");
      assertArrayEquals(
          Base64.getDecoder().decode(src.substring(prefix.length())),
          Files.readAllBytes(pngs.resolve(file)),
          "--png-dir holds the same " + file);
    }
    assertEquals(List.of("cycles-plot", "utilization-plot", "raster-plot", "teacher-plot"), ids);
    Map<String, String> summary = table(doc, "summary");
    assertEquals(String.format(Locale.ROOT, "%.1f", cycles), summary.get("cycles per inference"));
    assertEquals("47325", summary.get("LUT"));
    assertEquals("true", summary.get("fits"));
    Map<String, String> pass = table(doc, "passes");
    assertEquals(17, pass.size(), "load and every pass");
    assertEquals(
        String.format(Locale.ROOT, "%.1f", num(passes.get(0), "cycles")), pass.get("spike_embed"));
    assertTrue(table(doc, "firing").containsKey("spike_embed.lif"));
    assertTrue(table(doc, "versus").containsKey("accuracy"));
    assertTrue(page.contains("Horowitz, ISSCC 2014"), "the energies' source is stated");
    assertTrue(page.contains("0.9 pJ per accumulate"), "the authors' method is stated");
  }

  /** First and second cell of every data row of the table with {@code id}. */
  private static Map<String, String> table(Document doc, String id) {
    NodeList tables = doc.getElementsByTagName("table");
    for (int i = 0; i < tables.getLength(); i++) {
      Element t = (Element) tables.item(i);
      if (id.equals(t.getAttribute("id"))) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        NodeList rows = t.getElementsByTagName("tr");
        for (int k = 0; k < rows.getLength(); k++) {
          NodeList cells = ((Element) rows.item(k)).getElementsByTagName("td");
          if (cells.getLength() >= 2) {
            out.put(cells.item(0).getTextContent(), cells.item(1).getTextContent());
          }
        }
        return out;
      }
    }
    throw new AssertionError("no table " + id);
  }

  @Test
  void sameInputSameBytesAndTheClockScalesTheLatency() throws Exception {
    Path a = dir.resolve("a.html");
    Path b = dir.resolve("b.html");
    CliRunner.Result ra = report(a, "--limit", "3", "--raster-index", "2");
    CliRunner.Result rb = report(b, "--limit", "3", "--raster-index", "2", "--clock-mhz", "100");
    assertEquals(0, ra.code(), ra.err());
    assertEquals(0, rb.code(), rb.err());
    Map<String, Object> ja = JsonCodec.parseObject(ra.out());
    Map<String, Object> jb = JsonCodec.parseObject(rb.out());
    assertEquals(2 * num(ja, "latency_us"), num(jb, "latency_us"), 1e-9);
    assertNull(ja.get("lut"), "no synthesis results, no resources");
    assertNull(ja.get("teacher"));
    String page = Files.readString(a, StandardCharsets.UTF_8);
    assertTrue(page.contains("No synthesis results"), "the page says how to add them");
    Path c = dir.resolve("c.html");
    assertEquals(0, report(c, "--limit", "3", "--raster-index", "2").code());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c), "deterministic page");
  }

  @Test
  void badInputIsAClearErrorAndLeavesNoPage() throws Exception {
    Path other = dir.resolve("other-synth.json");
    Files.writeString(
        other,
        Files.readString(synth, StandardCharsets.UTF_8).replace("\"spikescr\"", "\"other\""),
        StandardCharsets.UTF_8);
    Path html = dir.resolve("bad.html");
    CliRunner.Result r = report(html, "--synth", other.toString(), "--limit", "2");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(other.toString()) && r.err().contains("design"), r.err());
    CliRunner.Result idx = report(html, "--limit", "2", "--raster-index", "5");
    assertEquals(2, idx.code());
    assertTrue(idx.err().contains("--raster-index"), idx.err());
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken, "{\"design\": \"spikescr\", \"lut\": \"many\"}", StandardCharsets.UTF_8);
    CliRunner.Result b = report(html, "--synth", broken.toString(), "--limit", "2");
    assertEquals(2, b.code());
    assertTrue(b.err().contains("lut"), b.err());
    assertFalse(Files.exists(html), "no page written");
    try (var files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().contains("bad.html")),
          "no temporary left");
    }
  }
}
