package io.parkloop.launcher;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of the module graph, checked on the production classes of every module on the
 * launcher's class path (all but dashboards and benchmarks, which nothing depends on). Only
 * production classes are read: test classes may use anything.
 */
@AnalyzeClasses(packages = "io.parkloop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** The top-level package of each module this test sees; {@code avro} is the schemas' generated code. */
  private static final Set<String> MODULE_PACKAGES =
      Set.of("schemas", "avro", "reference", "ingest", "storage", "readside", "jobs", "api", "embedded", "launcher");

  /**
   * Main-code classes that exist for tests: the JUnit extensions and tool checks (they use JUnit)
   * and the per-test-class views they hand out ({@code TestClassServices}, {@code TestDatabase}).
   */
  private static final DescribedPredicate<JavaClass> TEST_SUPPORT = describe("are test support", type -> {
    JavaClass topLevel = topLevel(type);
    return topLevel.getSimpleName().startsWith("Test") || topLevel.getDirectDependenciesFromSelf().stream()
        .anyMatch(dependency -> dependency.getTargetClass().getPackageName().startsWith("org.junit"));
  });

  /** What only the exports, reports, acceptance, progress, flows, migrations and query API use: the jobs write rows and must run without any of it. */
  private static final DescribedPredicate<JavaClass> STORAGE_READ_SIDE = describe("belong to storage's read side",
      resideInAPackage("io.parkloop.readside.."));

  @ArchTest
  static void seesEveryModule(JavaClasses classes) {
    Set<String> seen = classes.stream()
        .map(type -> type.getPackageName().split("\\.")).filter(parts -> parts.length > 2)
        .map(parts -> parts[2]).collect(Collectors.toSet());
    assertThat(seen).containsAll(MODULE_PACKAGES);
  }

  /** The {@code bench} command is the bench's entry point in the CLI, so part of the bench. */
  @ArchTest
  static final ArchRule productionCodeDoesNotUseTheBench = noClasses()
      .that().resideOutsideOfPackage("io.parkloop.launcher.bench..")
      .and().doNotHaveFullyQualifiedName(BenchCommand.class.getName())
      .should().dependOnClassesThat(resideInAPackage("io.parkloop.launcher.bench.."))
      .because("the bench measures the pipeline; the pipeline must not need it");

  @ArchTest
  static final ArchRule productionCodeDoesNotUseTestSupport = noClasses()
      .that(DescribedPredicate.not(TEST_SUPPORT))
      .should().dependOnClassesThat(TEST_SUPPORT)
      .because("test support (JUnit extensions, tool checks) is not part of any run");

  @ArchTest
  static final ArchRule theJobsDoNotNeedTheReadSide = noClasses()
      .that().resideInAPackage("io.parkloop.jobs..")
      .should().transitivelyDependOnClassesThat(STORAGE_READ_SIDE)
      .because("the job jar should hold only what the jobs run");

  /** The schema is migrated by {@code migrate} and the local stack before a job starts, never by a job. */
  @ArchTest
  static final ArchRule theJobsDoNotNeedFlywayOrPoi = noClasses()
      .that().resideInAPackage("io.parkloop.jobs..")
      .should().transitivelyDependOnClassesThat(resideInAnyPackage("org.flywaydb..", "org.apache.poi.."))
      .because("Flyway and POI (the workbook) are for the read side's commands, not for the job jar");

  @ArchTest
  static final ArchRule onlyTheProvinceNamesTheZone = noClasses()
      .that().resideOutsideOfPackage("io.parkloop.reference..")
      .should().callMethod(ZoneId.class, "of", String.class)
      .orShould().callMethod(ZoneOffset.class, "ofHours", int.class)
      .because("every calendar period, date and export time is in Province.ZONE (SPEC), whatever the machine's zone");

  @ArchTest
  static final ArchRule modulesHaveNoCycles = slices()
      .matching("io.parkloop.(*)..")
      .should().beFreeOfCycles();

  /**
   * The launcher's parts (docs/architecture.md): the live pipeline runs the replay's
   * reconciliation, both run jobs on a local Flink, the simulator plays devices into the pipeline
   * and the bench measures it; none of them reaches back.
   */
  @ArchTest
  static final ArchRule launcherPartsHaveNoCycles = slices()
      .matching("io.parkloop.launcher.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheCommandLineUsesTheCommandLine = noClasses()
      .that().resideInAPackage("io.parkloop.launcher.*..")
      .should().dependOnClassesThat().resideInAPackage("io.parkloop.launcher")
      .because("the commands sit on top: they parse options and call the pipeline, the replay and the bench");

  /** A nested class belongs to what its outermost class is. */
  private static JavaClass topLevel(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }
}
