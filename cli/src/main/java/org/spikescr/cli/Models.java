package org.spikescr.cli;

import java.nio.file.Path;
import org.spikescr.errors.InputException;
import org.spikescr.io.hdf5.ModelFile;
import org.spikescr.io.hdf5.QuantizedModelFile;
import org.spikescr.model.SpikeScrModel;
import org.spikescr.model.quantized.QuantSettings;
import org.spikescr.model.quantized.QuantizedModel;
import org.spikescr.quant.Quantizer;

/** Loads model files of either kind for the commands. */
final class Models {
  private Models() {}

  /** True when the file holds a quantized model. */
  static boolean isQuantized(Path path) {
    return QuantizedModelFile.KIND_QUANTIZED.equals(ModelFile.kind(path));
  }

  /** Reads a float model; a quantized file is rejected with a hint. */
  static SpikeScrModel readFloat(Path path) {
    if (isQuantized(path)) {
      throw new InputException(
          path.toString(), "@kind", "a quantized model; this needs the float model it came from");
    }
    return ModelFile.read(path);
  }

  /**
   * A quantized model: read as it is from a quantized file, or quantized from a float file with the
   * default settings and the given weight width (null = default).
   */
  static QuantizedModel quantized(Path path, Integer weightBits) {
    if (isQuantized(path)) {
      QuantizedModel q = QuantizedModelFile.read(path);
      if (weightBits != null && weightBits != q.settings().weightBits()) {
        throw new InputException(
            "--weight-bits",
            "",
            path + " is already quantized to " + q.settings().weightBits() + " bits");
      }
      return q;
    }
    SpikeScrModel m = ModelFile.read(path);
    return Quantizer.quantize(m, settings(m, weightBits));
  }

  /**
   * The default settings of a model with the given weight width (null = default); the width was
   * range-checked when the option was parsed ({@link Converters.WeightBits}).
   */
  static QuantSettings settings(SpikeScrModel m, Integer weightBits) {
    QuantSettings s = QuantSettings.defaults(m.config());
    return weightBits == null ? s : s.withWeightBits(weightBits);
  }
}
