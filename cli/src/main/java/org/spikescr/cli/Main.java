package org.spikescr.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code spikescr} command line. */
@Command(
    name = "spikescr",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "SpikeSCR spiking keyword spotting: simulate, quantize, generate and verify hardware.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (mismatch, accuracy below a bar)",
      "2:bad input or usage"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      InfoCommand.class,
      SimulateCommand.class,
      ConformanceCommand.class,
      EncodeCommand.class,
      PlotCommand.class,
      FsddCommand.class,
      QuantizeCommand.class,
      GoldenCommand.class,
      GenerateCommand.class,
      VerifyCommand.class,
      SynthCommand.class,
      FidelityCommand.class,
      ReportCommand.class,
      SweepCommand.class,
    })
public final class Main {

  private Main() {}

  /** Builds the command line with the given writers; tests use this to capture output. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err instanceof LineTrackingWriter ? err : new LineTrackingWriter(err));
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    return cl;
  }

  /** Runs a command and returns its exit code without exiting the JVM. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    LineTrackingWriter e = new LineTrackingWriter(err);
    for (String a : args) {
      if (a.indexOf('\uFFFD') >= 0) {
        e.println(
            "error: the argument '"
                + a
                + "' holds characters the current locale ("
                + System.getProperty("sun.jnu.encoding")
                + ") cannot represent; run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
        e.flush();
        return ExitCodes.BAD_INPUT;
      }
    }
    int code;
    try {
      code = commandLine(out, e).execute(args);
    } catch (OutOfMemoryError oom) {
      code = ErrorHandler.outOfMemory(e);
    }
    out.flush();
    e.flush();
    err.flush();
    return code;
  }

  /** Runs a command and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }
}
