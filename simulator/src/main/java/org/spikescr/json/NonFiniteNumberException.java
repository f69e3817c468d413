package org.spikescr.json;

/** A NaN or infinite number met while writing JSON, which has neither. */
public final class NonFiniteNumberException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  NonFiniteNumberException(double value, String path) {
    super(
        "cannot write "
            + value
            + " at "
            + path
            + " as JSON: JSON has no NaN or infinity (a result that is not a number)");
    this.path = path;
  }

  /** Where in the document the number was, e.g. {@code $.layers[3].agreement}. */
  public String path() {
    return path;
  }
}
