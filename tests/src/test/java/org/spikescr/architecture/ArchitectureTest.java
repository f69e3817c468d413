package org.spikescr.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URL;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikescr.cli.Main;
import org.spikescr.fixed.Fixed;

/**
 * Checks the layering of the production classes of every module, and that each rule flags a
 * deliberate violation in the fixture packages under {@code org.spikescr.architecture.fixture}.
 */
class ArchitectureTest {
  private static final String ROOT = "org.spikescr";
  private static final String FIXTURE_ROOT = "org.spikescr.architecture.fixture";

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE_ROOT);

  static Stream<String> ruleNames() {
    return ArchitectureRules.all(ROOT).keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleNames")
  void productionClassesFollowRule(String name) {
    ArchitectureRules.all(ROOT).get(name).check(PRODUCTION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleNames")
  void ruleFlagsItsFixtureViolation(String name) {
    ArchRule rule = ArchitectureRules.all(FIXTURE_ROOT).get(name);
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(FIXTURES));
    assertTrue(e.getMessage().contains("was violated"), e.getMessage());
  }

  @Test
  void everyRuleHasAFixture() {
    Map<String, ArchRule> rules = ArchitectureRules.all(FIXTURE_ROOT);
    assertEquals(ArchitectureRules.all(ROOT).keySet(), rules.keySet());
    assertEquals(7, rules.size());
  }

  @Test
  void importSeesEveryModuleButNoTests() {
    assertTrue(PRODUCTION.contain(Fixed.class), "simulator classes imported");
    assertTrue(PRODUCTION.contain(Main.class), "cli classes imported");
    for (JavaClass c : PRODUCTION) {
      assertTrue(
          !c.getPackageName().startsWith(FIXTURE_ROOT) && !c.getSimpleName().endsWith("Test"),
          () -> "test class imported as production: " + c.getName());
    }
  }

  @Test
  void simulatorModuleHoldsNoGeneratorOrCliPackage() {
    JavaClasses simulator = new ClassFileImporter().importUrl(codeSource(Fixed.class));
    assertTrue(simulator.size() > 50, "simulator classes imported: " + simulator.size());
    for (JavaClass c : simulator) {
      assertTrue(
          c.getPackageName().startsWith(ROOT + ".")
              && !c.getPackageName().startsWith(ROOT + ".gen")
              && !c.getPackageName().startsWith(ROOT + ".cli"),
          () -> "simulator module holds " + c.getName());
    }
  }

  @Test
  void cliModuleHoldsOnlyCliPackages() {
    JavaClasses cli = new ClassFileImporter().importUrl(codeSource(Main.class));
    for (JavaClass c : cli) {
      assertTrue(
          c.getPackageName().startsWith(ROOT + ".cli"), () -> "cli module holds " + c.getName());
    }
  }

  private static URL codeSource(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
