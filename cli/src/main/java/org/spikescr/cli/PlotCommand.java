package org.spikescr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikescr.cli.plot.SamplePlot;
import org.spikescr.data.Dataset;
import org.spikescr.errors.InputException;
import org.spikescr.io.AtomicFiles;
import org.spikescr.io.OutputPaths;
import org.spikescr.io.hdf5.DatasetFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikescr plot}: one sample of a dataset as a spike raster or mel image (PNG). */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = "Draw one sample of a dataset: a spike raster or a mel image, as PNG.")
final class PlotCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin DataOption data;

  @Option(names = "--index", required = true, paramLabel = "I", description = "Sample index.")
  int index;

  @Option(names = "--out", required = true, paramLabel = "F.png", description = "PNG to write.")
  Path out;

  @Override
  public Integer call() {
    OutputPaths.checkFile("--out", out, List.of(data.data));
    Dataset d = DatasetFile.read(data.data);
    if (index < 0 || index >= d.size()) {
      throw new InputException(
          "--index", "", "expected 0.." + (d.size() - 1) + " for " + data.data + ", got " + index);
    }
    byte[] png = SamplePlot.png(d, index);
    AtomicFiles.write(out, png);
    if (common.json) {
      JsonOutput.print(
          spec.commandLine().getOut(),
          new PlotResult(out.toString(), index, d.sample(index).label(), png.length));
    } else {
      spec.commandLine().getOut().println("wrote " + out);
    }
    return ExitCodes.OK;
  }
}
