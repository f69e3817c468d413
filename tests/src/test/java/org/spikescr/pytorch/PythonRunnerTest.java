package org.spikescr.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Python runner returns the merged output and exit code, and enforces its timeout. */
class PythonRunnerTest {
  @Test
  void returnsExitCodeAndMergedOutput() {
    Python.Result r =
        Python.run(
            60,
            "-c",
            "import sys; print('to stdout'); print('to stderr', file=sys.stderr); sys.exit(3)");
    assertEquals(3, r.code(), r.output());
    assertTrue(r.output().contains("to stdout"), r.output());
    assertTrue(r.output().contains("to stderr"), r.output());
  }

  @Test
  void outputLargerThanAPipeBufferDoesNotBlock() {
    Python.Result r = Python.run(60, "-c", "print('x' * 3000000)");
    assertEquals(0, r.code(), Python.tail(r.output(), 200));
    assertEquals(3000001, r.output().length());
  }

  @Test
  void timeoutKillsTheProcessTreeAndFailsFastWithCommandAndLog() {
    String script =
        """
        import subprocess, sys, time
        c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
        print('child pid', c.pid, flush=True)
        time.sleep(60)
        """;
    long start = System.nanoTime();
    AssertionError e = assertThrows(AssertionError.class, () -> Python.run(2, "-c", script));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "the timeout fired after " + took);
    String msg = e.getMessage();
    assertTrue(msg.contains("timed out after 2 s"), msg);
    assertTrue(msg.contains(Python.EXE + " -c import subprocess"), "names the command: " + msg);
    Matcher m = Pattern.compile("child pid (\\d+)").matcher(msg);
    assertTrue(m.find(), "the message holds the end of the log: " + msg);
    Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(m.group(1)));
    assertFalse(child.map(ProcessHandle::isAlive).orElse(false), "the child process was killed");
    assertTrue(
        took.compareTo(Duration.ofSeconds(2)) >= 0,
        "the process ran its 2 s before the kill: " + took);
  }
}
