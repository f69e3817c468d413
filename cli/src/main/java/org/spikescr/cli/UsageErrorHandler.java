package org.spikescr.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Reports a usage error with the command's usage and exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    cl.getErr().println("error: " + ex.getMessage());
    cl.usage(cl.getErr());
    cl.getErr().flush();
    return ExitCodes.BAD_INPUT;
  }
}
