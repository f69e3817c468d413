package org.spikescr.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layering rules of the code base, written against a root package so that they can be checked
 * both on the production classes ({@code org.spikescr}) and on deliberately broken fixture classes.
 *
 * <p>The simulator module owns every package under the root except {@code gen} (the generator
 * module) and {@code cli} (the command-line module).
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** Every rule by name, in a stable order, for the classes under {@code root}. */
  static Map<String, ArchRule> all(String root) {
    String ours = root + "..";
    String fixed = root + ".fixed..";
    String errors = root + ".errors..";
    String model = root + ".model..";
    String gen = root + ".gen..";
    String cli = root + ".cli..";
    Map<String, ArchRule> rules = new LinkedHashMap<>();

    rules.put(
        "no package cycles",
        slices()
            .matching(root + ".(**)")
            .should()
            .beFreeOfCycles()
            .because("packages form a layered graph"));

    rules.put(
        "fixed depends on nothing of ours",
        noClasses()
            .that()
            .resideInAPackage(fixed)
            .should()
            .dependOnClassesThat(resideInAPackage(ours).and(not(resideInAPackage(fixed))))
            .because("the fixed-point types are the bottom layer"));

    rules.put(
        "model depends only on fixed, errors and model",
        noClasses()
            .that()
            .resideInAPackage(model)
            .should()
            .dependOnClassesThat(
                resideInAPackage(ours).and(not(resideInAnyPackage(fixed, errors, model))))
            .because("the model records describe a network and know nothing of files or runs"));

    rules.put(
        "the golden model is independent of quantizer, evaluation, I/O and float simulator",
        noClasses()
            .that()
            .resideInAPackage(root + ".sim.fixedsim..")
            .should()
            .dependOnClassesThat(
                resideInAnyPackage(
                    root + ".quant..", root + ".eval..", root + ".io..", root + ".sim.floatsim.."))
            .because("the golden model reads only quantized-model records"));

    rules.put(
        "only io.hdf5 imports jHDF",
        noClasses()
            .that()
            .resideOutsideOfPackage(root + ".io.hdf5..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.jhdf..")
            .because("the HDF5 library's types stop at the io.hdf5 adapter"));

    rules.put(
        "the simulator never depends on generator or command line",
        noClasses()
            .that()
            .resideInAPackage(ours)
            .and()
            .resideOutsideOfPackages(gen, cli)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(gen, cli)
            .because("the simulator module is below the generator and the command line"));

    rules.put(
        "the generator depends on quantized records, not on quantizer, evaluation, HDF5 or CLI",
        noClasses()
            .that()
            .resideInAPackage(gen)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                cli,
                root + ".quant..",
                root + ".eval..",
                root + ".sim.floatsim..",
                "io.jhdf..",
                "picocli..")
            .because(
                "lowering reads only the quantized model and fixed-point types; golden vectors"
                    + " come from sim.fixedsim and vectors")
            .allowEmptyShould(true));

    return rules;
  }
}
