package org.spikescr.audio;

import org.spikescr.model.InputKind;

/**
 * The log-mel front-end of the GSC pipeline (SPIKESCR.md 6.3), equal to torchaudio's {@code
 * Resample -> Spectrogram -> MelScale -> AmplitudeToDB} with the authors' settings: (T, 140) frames
 * in dB.
 *
 * <p>Steps: pad with zeros or cut the clip to {@code round(clipS * rate)} samples at its own rate;
 * resample to 8 kHz ({@link Resampler}); 256-point STFT with a periodic Hann window, centred
 * (reflect padding of 128 samples each side), hop {@code hopSamples}; power spectrum (129 bins);
 * 140 triangular HTK-mel filters from 50 Hz to 14 kHz without normalisation (above the 4 kHz
 * Nyquist frequency 53 filters are empty, so bands 87..139 are always -100 dB); {@code 10
 * log10(max(x, 1e-10))}. Frames: {@code 1 + floor(8000 clipS / hop)} (101 at hop 80 for 1 s).
 *
 * @param hopSamples STFT hop in samples at 8 kHz (20, 40, 80 or 200 in the SpikeSCR configs)
 * @param clipS clip length in seconds before resampling (1.0: 16,000 samples at 16 kHz)
 */
public record MelFrontEnd(int hopSamples, double clipS) implements FrontEnd {
  /** Sample rate of the spectrogram, hertz. */
  public static final int RATE = 8000;

  /** FFT size and window length, samples. */
  public static final int N_FFT = 256;

  /** Mel bands. */
  public static final int BANDS = 140;

  /** Lowest filter edge, hertz. */
  public static final double F_MIN = 50;

  /** Highest filter edge, hertz (above Nyquist, as in the authors' configuration). */
  public static final double F_MAX = 14000;

  private static final int BINS = N_FFT / 2 + 1;
  private static final double[][] FILTERS = filterbank();
  private static final double[] COS = new double[N_FFT];
  private static final double[] SIN = new double[N_FFT];
  private static final double[] WINDOW = new double[N_FFT];

  static {
    for (int n = 0; n < N_FFT; n++) {
      COS[n] = Math.cos(2 * Math.PI * n / N_FFT);
      SIN[n] = Math.sin(2 * Math.PI * n / N_FFT);
      WINDOW[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / N_FFT);
    }
  }

  /** Checks the values. */
  public MelFrontEnd {
    if (hopSamples < 1) {
      throw new IllegalArgumentException("hopSamples must be positive, got " + hopSamples);
    }
    if (!(clipS > 0) || !Double.isFinite(clipS)) {
      throw new IllegalArgumentException("clipS must be positive, got " + clipS);
    }
  }

  /** The authors' GSC front-end: 1 s clips and the given hop. */
  public static MelFrontEnd gsc(int hopSamples) {
    return new MelFrontEnd(hopSamples, 1.0);
  }

  /** Frames (T, 140) in dB of an audio clip at any rate. */
  public float[][] frames(Audio audio) {
    int n = (int) Math.round(clipS * audio.sampleRate());
    return framesAt8k(audio.padOrTruncate(n).resampled(RATE).samples());
  }

  /** Frames (T, 140) in dB of a signal already at 8 kHz and of the final length. */
  public float[][] framesAt8k(double[] x) {
    if (x.length <= N_FFT / 2) {
      throw new IllegalArgumentException(
          "reflect padding needs more than " + N_FFT / 2 + " samples, got " + x.length);
    }
    int pad = N_FFT / 2;
    double[] padded = new double[x.length + 2 * pad];
    for (int i = 0; i < padded.length; i++) {
      int j = i - pad;
      if (j < 0) {
        j = -j;
      } else if (j >= x.length) {
        j = 2 * (x.length - 1) - j;
      }
      padded[i] = x[j];
    }
    int frames = 1 + x.length / hopSamples;
    float[][] out = new float[frames][BANDS];
    double[] seg = new double[N_FFT];
    double[] power = new double[BINS];
    for (int t = 0; t < frames; t++) {
      int start = t * hopSamples;
      for (int n = 0; n < N_FFT; n++) {
        seg[n] = padded[start + n] * WINDOW[n];
      }
      for (int k = 0; k < BINS; k++) {
        double re = 0;
        double im = 0;
        int idx = 0;
        for (int n = 0; n < N_FFT; n++) {
          re += seg[n] * COS[idx];
          im -= seg[n] * SIN[idx];
          idx = (idx + k) & (N_FFT - 1);
        }
        power[k] = re * re + im * im;
      }
      for (int m = 0; m < BANDS; m++) {
        double e = 0;
        double[] f = FILTERS[m];
        for (int k = 0; k < BINS; k++) {
          e += f[k] * power[k];
        }
        out[t][m] = (float) (10 * Math.log10(Math.max(e, 1e-10)));
      }
    }
    return out;
  }

  /** The filter weights [band][bin] (torchaudio {@code melscale_fbanks}, HTK, no norm). */
  static double[][] filterbank() {
    double mMin = hzToMel(F_MIN);
    double mMax = hzToMel(F_MAX);
    double[] fPts = new double[BANDS + 2];
    for (int i = 0; i < fPts.length; i++) {
      fPts[i] = melToHz(mMin + (mMax - mMin) * i / (BANDS + 1));
    }
    double[][] fb = new double[BANDS][BINS];
    for (int k = 0; k < BINS; k++) {
      double f = (double) (RATE / 2) * k / (BINS - 1);
      for (int m = 0; m < BANDS; m++) {
        double down = (f - fPts[m]) / (fPts[m + 1] - fPts[m]);
        double up = (fPts[m + 2] - f) / (fPts[m + 2] - fPts[m + 1]);
        fb[m][k] = Math.max(0, Math.min(down, up));
      }
    }
    return fb;
  }

  static double hzToMel(double f) {
    return 2595 * Math.log10(1 + f / 700);
  }

  static double melToHz(double m) {
    return 700 * (Math.pow(10, m / 2595) - 1);
  }

  @Override
  public InputKind kind() {
    return InputKind.MEL;
  }

  @Override
  public int channels() {
    return BANDS;
  }

  @Override
  public String describe() {
    return "mel: 8 kHz, clip "
        + clipS
        + " s, n_fft 256, hop "
        + hopSamples
        + ", periodic Hann, centred reflect, power, 140 HTK mel 50-14000 Hz, 10*log10(max(x,1e-10))";
  }
}
