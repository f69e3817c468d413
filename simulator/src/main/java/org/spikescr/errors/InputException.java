package org.spikescr.errors;

/**
 * Bad input: a file, a field inside it, or a command-line value that is not what the flow expects.
 *
 * <p>The message always names the source (a file path or an option), the field and what was
 * expected, so a user can fix the input without reading a stack trace. Commands map this exception
 * to exit code 2.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String field;

  /**
   * Creates an input error.
   *
   * @param source the file or option that holds the bad value
   * @param field the path of the value inside the source (dataset, attribute, key), or empty
   * @param problem what is wrong and what was expected
   */
  public InputException(String source, String field, String problem) {
    super(format(source, field, problem));
    this.source = source;
    this.field = field;
  }

  /** Same as {@link #InputException(String, String, String)} with the underlying cause kept. */
  public InputException(String source, String field, String problem, Throwable cause) {
    super(format(source, field, problem), cause);
    this.source = source;
    this.field = field;
  }

  private static String format(String source, String field, String problem) {
    StringBuilder b = new StringBuilder(source);
    if (field != null && !field.isEmpty()) {
      b.append(": ").append(field);
    }
    return b.append(": ").append(problem).toString();
  }

  /** The file or option that holds the bad value. */
  public String source() {
    return source;
  }

  /** The path of the bad value inside the source, or empty. */
  public String field() {
    return field;
  }
}
