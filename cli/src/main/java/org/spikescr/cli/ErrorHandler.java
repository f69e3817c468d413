package org.spikescr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.spikescr.errors.InputException;
import org.spikescr.gen.tools.ToolMissingException;
import org.spikescr.io.AtomicFiles;
import org.spikescr.json.NonFiniteNumberException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions escaping a command into a one-line message and an exit code: bad input, failed
 * reads or writes (with the system's reason) and a missing hardware tool (with the line that
 * installs it) give 2, anything else 1 with the message. The message starts on a new line when a
 * progress bar was being drawn. The stack trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean verbose = isVerbose(parsed);
    PrintWriter err = cl.getErr();
    if (err instanceof LineTrackingWriter t) {
      t.startLine();
    }
    int code;
    if (ex instanceof InputException) {
      err.println("error: " + ex.getMessage());
      code = ExitCodes.BAD_INPUT;
    } else if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      err.println("error: " + withReason(ex));
      code = ExitCodes.BAD_INPUT;
    } else if (ex instanceof ToolMissingException) {
      err.println("error: " + ex.getMessage());
      code = ExitCodes.BAD_INPUT;
    } else if (ex instanceof NonFiniteNumberException) {
      err.println("error: " + ex.getMessage());
      code = ExitCodes.CHECK_FAILED;
    } else {
      err.println("error: " + ex);
      if (!verbose) {
        err.println("(run with --verbose for the stack trace)");
      }
      code = ExitCodes.CHECK_FAILED;
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Reports that the JVM ran out of memory; exit code 2 (the input is too large). */
  static int outOfMemory(LineTrackingWriter err) {
    err.startLine();
    err.println(
        "error: out of memory: the input needs more memory than the Java heap has; use fewer"
            + " utterances (--limit), a longer --frame-ms, or a larger heap (JDK_JAVA_OPTIONS=-Xmx8g)");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  /** The message with the system's reason for a failed file operation appended when missing. */
  static String withReason(Exception ex) {
    String m = ex.getMessage();
    Throwable cause = ex instanceof UncheckedIOException ? ex.getCause() : ex;
    if (cause == null || (cause == ex && m != null && !m.isEmpty())) {
      return m;
    }
    String reason = AtomicFiles.reason(cause);
    if (m == null || m.isEmpty()) {
      return reason;
    }
    return m.contains(reason) ? m : m + " (" + reason + ")";
  }

  private static boolean isVerbose(ParseResult parsed) {
    ParseResult p = parsed;
    while (p != null) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
      p = p.subcommand();
    }
    return false;
  }
}
