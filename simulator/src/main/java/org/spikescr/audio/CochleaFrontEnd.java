package org.spikescr.audio;

import java.util.Arrays;
import org.spikescr.data.SpikeEvents;
import org.spikescr.model.InputKind;

/**
 * A cochlear spike front-end: audio in, spike events in the SHD layout out (times in seconds, units
 * 0..channels-1 from the lowest to the highest characteristic frequency).
 *
 * <p>The model, per recording:
 *
 * <ol>
 *   <li><b>Outer and middle ear</b>: resample to {@code rate}; pre-emphasis {@code y[n] = x[n] -
 *       preEmphasis * x[n-1]}; scale so that the largest magnitude is 1 (a fixed gain per
 *       recording, so loud and quiet recordings of the same word give similar spikes).
 *   <li><b>Basilar membrane</b>: {@code channels} fourth-order gammatone filters with centre
 *       frequencies equally spaced on the ERB-rate scale ({@code 21.4 log10(1 + 0.00437 f)}) from
 *       {@code lowHz} to {@code highFraction} of the Nyquist frequency, bandwidth {@code 1.019
 *       ERB(f)} with {@code ERB(f) = 24.7 (1 + 0.00437 f)}. Each is a cascade of four complex
 *       one-pole filters with pole {@code exp(-2 pi b / rate) exp(i 2 pi f / rate)} (the
 *       impulse-invariant gammatone of Holdsworth et al.), unity gain at the centre frequency.
 *   <li><b>Inner hair cell</b>: half-wave rectification, a first-order low-pass at {@code
 *       ihcCutoffHz} (loss of phase locking at high frequencies), cube-root compression, minus a
 *       floor {@code floor} (the fibre's threshold; signals 60 dB below the peak give cbrt = 0.1),
 *       clipped at 0.
 *   <li><b>Spike generation</b>: one leaky integrate-and-fire unit per channel, {@code v <- v
 *       exp(-1 / (rate tau)) + gain * drive}; a spike when v reaches the threshold {@code 1 + a},
 *       then v = 0 and the unit ignores its input for {@code refractoryMs}; the adaptive part
 *       {@code a} rises by {@code adaptStep} at each spike and decays with {@code adaptTauMs}, so
 *       onsets fire densely and sustained sounds sparsely, as in the bushy-cell stage of SHD's
 *       model.
 * </ol>
 *
 * <p>Arithmetic uses only IEEE addition, multiplication, division and a cube root written out as
 * Newton steps, with constants from {@link StrictMath}, so the same input gives the same spikes on
 * every machine. Spikes come out ordered by time, then by unit; times are sample times {@code n /
 * rate}.
 *
 * @param rate processing rate in hertz (input is resampled to it)
 * @param channels number of filters and spike units
 * @param lowHz lowest centre frequency, hertz
 * @param highFraction highest centre frequency as a fraction of the Nyquist frequency
 * @param preEmphasis first-order pre-emphasis coefficient (0 for none)
 * @param ihcCutoffHz hair-cell low-pass cut-off, hertz
 * @param floor compressed level below which a channel is silent
 * @param gain input gain of the integrate-and-fire units (threshold 1)
 * @param tauMs membrane time constant, milliseconds
 * @param refractoryMs refractory period, milliseconds
 * @param adaptStep threshold rise per spike
 * @param adaptTauMs threshold adaptation time constant, milliseconds
 */
public record CochleaFrontEnd(
    int rate,
    int channels,
    double lowHz,
    double highFraction,
    double preEmphasis,
    double ihcCutoffHz,
    double floor,
    double gain,
    double tauMs,
    double refractoryMs,
    double adaptStep,
    double adaptTauMs)
    implements FrontEnd {

  /** Checks the values. */
  public CochleaFrontEnd {
    if (rate < 1000 || channels < 1) {
      throw new IllegalArgumentException("rate >= 1000 Hz and channels >= 1 required");
    }
    if (!(lowHz > 0)
        || !(highFraction > 0 && highFraction < 1)
        || lowHz >= highFraction * rate / 2) {
      throw new IllegalArgumentException(
          "need 0 < lowHz < highFraction * rate / 2 and 0 < highFraction < 1");
    }
    if (!(tauMs > 0) || !(refractoryMs >= 0) || !(adaptTauMs > 0) || !(ihcCutoffHz > 0)) {
      throw new IllegalArgumentException("time constants must be positive");
    }
    if (!(gain > 0) || !(floor >= 0) || !(adaptStep >= 0) || !(preEmphasis >= 0)) {
      throw new IllegalArgumentException("gain must be positive; floor, adaptStep >= 0");
    }
  }

  /** The project's default: 700 channels at 8 kHz, tuned on FSDD to SHD-like spike counts. */
  public static CochleaFrontEnd standard() {
    return new CochleaFrontEnd(8000, 700, 50, 0.95, 0.9, 1000, 0.1, 0.3, 5, 1, 0.5, 50);
  }

  /** The centre frequency of every channel in hertz, ascending. */
  public double[] centreFrequencies() {
    double eLow = erbRate(lowHz);
    double eHigh = erbRate(highFraction * rate / 2);
    double[] f = new double[channels];
    for (int c = 0; c < channels; c++) {
      double e = channels == 1 ? eLow : eLow + (eHigh - eLow) * c / (channels - 1);
      f[c] = (StrictMath.pow(10, e / 21.4) - 1) / 0.00437;
    }
    return f;
  }

  static double erbRate(double hz) {
    return 21.4 * StrictMath.log10(1 + 0.00437 * hz);
  }

  /** Spikes of a whole recording. */
  public SpikeEvents encode(Audio audio) {
    return encode(audio, 0);
  }

  /**
   * Spikes of a recording placed at the start of a window of {@code windowS} seconds: audio beyond
   * the window is cut; {@code windowS = 0} means no window.
   */
  public SpikeEvents encode(Audio audio, double windowS) {
    double[] x = audio.resampled(rate).samples();
    if (windowS > 0) {
      int n = (int) Math.round(windowS * rate);
      if (x.length > n) {
        x = Arrays.copyOf(x, n);
      }
    }
    return new Channels(this, x).run();
  }

  @Override
  public InputKind kind() {
    return InputKind.SPIKES;
  }

  @Override
  public String describe() {
    return "cochlea: rate "
        + rate
        + " Hz, "
        + channels
        + " gammatone channels ERB-spaced "
        + lowHz
        + " Hz to "
        + highFraction
        + " Nyquist, pre-emphasis "
        + preEmphasis
        + ", IHC half-wave + "
        + ihcCutoffHz
        + " Hz low-pass + cube root - "
        + floor
        + ", LIF gain "
        + gain
        + " tau "
        + tauMs
        + " ms refractory "
        + refractoryMs
        + " ms, adaptive threshold +"
        + adaptStep
        + " tau "
        + adaptTauMs
        + " ms";
  }
}
