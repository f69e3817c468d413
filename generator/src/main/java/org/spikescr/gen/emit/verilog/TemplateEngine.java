package org.spikescr.gen.emit.verilog;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The one FreeMarker configuration of a generator run: templates from the class path ({@code
 * /templates}), missing values and errors fail the run, numbers print as plain digits ({@code
 * computer} format, never {@code 1,024}), UTF-8, no locale effects.
 */
public final class TemplateEngine {
  private final Configuration config;

  /** A configuration loading templates from {@code /templates} on the class path. */
  public TemplateEngine() {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setClassForTemplateLoading(TemplateEngine.class, "/templates");
    c.setDefaultEncoding(StandardCharsets.UTF_8.name());
    c.setLocale(Locale.ROOT);
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    this.config = c;
  }

  /**
   * Renders template {@code name} (relative to {@code /templates}) with {@code model} as its data.
   *
   * @throws IllegalStateException when the template is missing or refers to a missing value
   */
  public String render(String name, Map<String, Object> model) {
    try {
      Template t = config.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name + " could not be read", e);
    }
  }
}
