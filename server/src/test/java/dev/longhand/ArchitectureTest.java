package dev.longhand;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.longhand.store.DirectSql;
import dev.longhand.store.InList;
import dev.longhand.store.PairValues;
import dev.longhand.store.Pipeline;
import java.util.Collection;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The layers of the code, kept as rules over the compiled classes (docs/ARCHITECTURE.md, "Layers"): features
 * do not depend on each other in a circle; the storage layer ({@code store}), the pure {@code time} and
 * {@code markdown} packages and the web layer ({@code http}) know no feature; and SQL is written only in a
 * feature's {@code *Store} classes and in the storage layer itself.
 */
class ArchitectureTest {
  /** Everything except the infrastructure below the features and the wiring above them (the root package). */
  private static final String[] FEATURES = {
      "dev.longhand.account..", "dev.longhand.ask..", "dev.longhand.calendar..", "dev.longhand.decision..",
      "dev.longhand.document..", "dev.longhand.due..", "dev.longhand.inbox..", "dev.longhand.mail..",
      "dev.longhand.file..", "dev.longhand.notify..", "dev.longhand.recording..", "dev.longhand.search..", "dev.longhand.thread..",
      "dev.longhand.workspace.."};

  private static final JavaClasses MAIN = importMain();

  /**
   * Longhand's own classes, without tests. Classes of libraries are not read from their jars (a third of a minute):
   * the rules name them only by their names.
   */
  private static JavaClasses importMain() {
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.longhand");
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    kept(slices().matching("dev.longhand.(*)..").should().beFreeOfCycles());
  }

  @Test
  void theStorageLayerKnowsNoFeatureAndNotTheWeb() {
    kept(noClasses().that().resideInAPackage("dev.longhand.store..")
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
        .orShould().dependOnClassesThat().resideInAPackage("dev.longhand.http.."));
  }

  @Test
  void timeAndMarkdownArePureOfFeatures() {
    kept(noClasses().that().resideInAnyPackage("dev.longhand.time..", "dev.longhand.markdown..")
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
        .orShould().dependOnClassesThat().resideInAnyPackage("dev.longhand.http..", "dev.longhand.store.."));
  }

  @Test
  void theWebLayerKnowsNoFeature() {
    kept(noClasses().that().resideInAPackage("dev.longhand.http..")
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES));
  }

  @Test
  void onlyStoresWriteSql() {
    kept(noClasses().that().resideOutsideOfPackage("dev.longhand.store..").and().haveSimpleNameNotEndingWith("Store")
        .should().callMethodWhere(statement())
        .because("a feature's SQL lives in its *Store classes, so a reader finds every statement of a table in one place"));
  }

  @Test
  void listsBoundForInArePadded() {
    DescribedPredicate<JavaClass> bindsAList = DescribedPredicate.describe("bind a list for an IN (<...>)",
        c -> c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTarget().getName().equals("bindList")
            && call.getTargetOwner().getName().startsWith("org.jdbi.")));
    kept(classes().that(bindsAList).should().callMethod(InList.class, "of", Collection.class)
        .because("every length of a bound list is a new SQL text for JDBI's parser and SQLite's compiler; InList pads it"));
  }

  /** JDBI's ways to run a statement on a handle, the pipeline's ways to queue one, the query over pairs, and JDBC's direct way. */
  private static DescribedPredicate<JavaCall<?>> statement() {
    DescribedPredicate<JavaCall<?>> onHandle = target(owner(assignableTo(Handle.class)))
        .and(target(nameMatching("createQuery|createUpdate|execute|select|createBatch|prepareBatch|createScript|createCall")));
    DescribedPredicate<JavaCall<?>> onPipeline = target(owner(assignableTo(Pipeline.class)))
        .and(target(nameMatching("add.*|query")));
    DescribedPredicate<JavaCall<?>> overPairs = target(owner(assignableTo(PairValues.class)));
    DescribedPredicate<JavaCall<?>> direct = target(owner(assignableTo(DirectSql.class))).and(target(nameMatching("query|update")));
    return onHandle.or(onPipeline).or(overPairs).or(direct)
        .as("a JDBI statement on a Handle, a statement queued on a Pipeline, a PairValues query or a DirectSql statement");
  }

  @Test
  void theRulesReadTheWholeServer() {
    // An import that found nothing would let every rule pass without reading a class.
    assertThat(MAIN.size()).isGreaterThan(200);
    assertThat(MAIN.containPackage("dev.longhand.thread")).isTrue();
  }

  /** The rule holds over the server's classes; a violation is listed, one line each, in the failure. */
  private static void kept(ArchRule rule) {
    assertThat(rule.evaluate(MAIN).getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
  }
}
