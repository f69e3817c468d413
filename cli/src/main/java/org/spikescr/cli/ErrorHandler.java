package org.spikescr.cli;

import org.spikescr.errors.InputException;
import org.spikescr.json.NonFiniteNumberException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions escaping a command into a one-line message and an exit code: bad input gives 2,
 * anything else 1 with the message. The stack trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    boolean verbose = isVerbose(parsed);
    if (ex instanceof InputException) {
      cl.getErr().println("error: " + ex.getMessage());
      if (verbose) {
        ex.printStackTrace(cl.getErr());
      }
      cl.getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
    if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
      cl.getErr().println("error: " + ex.getMessage());
      if (verbose) {
        ex.printStackTrace(cl.getErr());
      }
      cl.getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
    if (ex instanceof NonFiniteNumberException) {
      cl.getErr().println("error: " + ex.getMessage());
      cl.getErr().flush();
      return ExitCodes.CHECK_FAILED;
    }
    cl.getErr().println("error: " + ex);
    if (verbose) {
      ex.printStackTrace(cl.getErr());
    } else {
      cl.getErr().println("(run with --verbose for the stack trace)");
    }
    cl.getErr().flush();
    return ExitCodes.CHECK_FAILED;
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
