package org.spikescr.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.spikescr.testing.ProjectPaths;

/**
 * The Java artefacts of the bundled design ({@code hw-out/fsdd-student-qat-t20/java}): the
 * generated driver and regression test compile with the JDK's compiler against the test class path,
 * and the regression test passes when run by the JUnit platform (its golden vectors through
 * Verilator); a golden vector with one wrong score makes it fail.
 */
@ResourceLock(ProjectPaths.BUNDLED_DESIGN)
class GeneratedJavaTest {
  private static final String PACKAGE = "org.spikescr.design.spikescr";

  @Test
  void theGeneratedRegressionTestCompilesAndPasses(@TempDir Path work) throws Exception {
    Path design = ProjectPaths.bundledDesign();
    TestExecutionSummary s = compileAndRun(design, work);
    assertEquals(2, s.getTestsFoundCount(), summary(s));
    assertEquals(2, s.getTestsSucceededCount(), summary(s));
  }

  @Test
  void aWrongGoldenScoreFailsTheGeneratedTest(@TempDir Path work) throws Exception {
    Path design = ProjectPaths.bundledDesign();
    Path copy = work.resolve("design");
    copyTree(design, copy);
    Path golden = copy.resolve("java/golden-vectors.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(golden, StandardCharsets.UTF_8));
    int at = -1;
    for (int i = 0; i < lines.size() && at < 0; i++) {
      if (lines.get(i).startsWith("S ")) {
        at = i;
      }
    }
    assertTrue(at > 0, "a score line in " + golden);
    String[] f = lines.get(at).split(" ", -1);
    f[1] = Long.toString(Long.parseLong(f[1]) + 1);
    lines.set(at, String.join(" ", f));
    Files.write(golden, lines, StandardCharsets.UTF_8);
    TestExecutionSummary s = compileAndRun(copy, work.resolve("run"));
    assertEquals(1, s.getTestsFailedCount(), summary(s));
    String why = s.getFailures().get(0).getException().getMessage();
    assertTrue(why.contains("scores of utterance 0"), why);
  }

  private static TestExecutionSummary compileAndRun(Path design, Path work) throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(design.resolve("java"))) {
      s.filter(p -> p.toString().endsWith(".java"))
          .sorted()
          .forEach(p -> sources.add(p.toString()));
    }
    assertEquals(2, sources.size(), "driver and regression test: " + sources);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args =
        new ArrayList<>(List.of("-d", classes.toString(), "-Xlint:all,-path", "-Werror"));
    args.add("-classpath");
    args.add(System.getProperty("java.class.path"));
    args.addAll(sources);
    java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
    int code = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
    assertEquals(
        0,
        code,
        () -> "javac of the generated sources: " + diagnostics.toString(StandardCharsets.UTF_8));
    String before = System.getProperty("spikescr.design");
    System.setProperty("spikescr.design", design.toString());
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, GeneratedJavaTest.class.getClassLoader())) {
      Thread t = Thread.currentThread();
      ClassLoader saved = t.getContextClassLoader();
      t.setContextClassLoader(loader);
      try {
        Class<?> test = loader.loadClass(PACKAGE + ".SpikescrRegressionTest");
        LauncherDiscoveryRequest request =
            LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(test))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
      } catch (ClassNotFoundException e) {
        throw new AssertionError("the regression test class was not compiled", e);
      } finally {
        t.setContextClassLoader(saved);
      }
    } finally {
      if (before == null) {
        System.clearProperty("spikescr.design");
      } else {
        System.setProperty("spikescr.design", before);
      }
    }
  }

  private static String summary(TestExecutionSummary s) {
    StringWriter w = new StringWriter();
    s.printFailuresTo(new java.io.PrintWriter(w), 20);
    return "found "
        + s.getTestsFoundCount()
        + ", succeeded "
        + s.getTestsSucceededCount()
        + "\n"
        + w;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("build")) {
          continue;
        }
        Path dst = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
  }
}
