package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.exporthub.api.spi.FormatWriter;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of the modules: what each exports, what may depend on what, and that no host-facing
 * type hands out an internal one. The module descriptors are read from the built modules on this
 * test's class path, as {@code jar --describe-module} shows them.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.exporthub");

  /** The Export Hub modules on the class path, by name. */
  private static Map<String, ModuleReference> modules() {
    Path[] entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).toArray(Path[]::new);
    Map<String, ModuleReference> found = new TreeMap<>();
    for (Path entry : entries) {
      try {
        ModuleFinder.of(entry).findAll().stream()
            .filter(ref -> ref.descriptor().name().startsWith("dev.exporthub.") && !ref.descriptor().isAutomatic())
            .forEach(ref -> found.put(ref.descriptor().name(), ref));
      } catch (RuntimeException notAModule) {
        // a class-path entry that is no module (e.g. a test-classes folder)
      }
    }
    return found;
  }

  @Test
  @DisplayName("every library module has a descriptor, and none exports an internal package unqualified")
  void descriptors() {
    Map<String, ModuleReference> modules = modules();
    assertEquals(Set.of("dev.exporthub.api", "dev.exporthub.cli", "dev.exporthub.codec", "dev.exporthub.console",
        "dev.exporthub.core", "dev.exporthub.formats", "dev.exporthub.jdbc", "dev.exporthub.oscal",
        "dev.exporthub.samples"), modules.keySet());
    assertTrue(modules.get("dev.exporthub.codec").descriptor().exports().stream().allMatch(
        ModuleDescriptor.Exports::isQualified), "export-codec serves Export Hub modules only");
    for (ModuleReference module : modules.values()) {
      for (ModuleDescriptor.Exports export : module.descriptor().exports()) {
        assertFalse(export.source().contains("internal") && !export.isQualified(),
            module.descriptor().name() + " exports " + export.source() + " to everyone");
      }
    }
    Set<String> core = new TreeSet<>();
    modules.get("dev.exporthub.core").descriptor().exports().forEach(e -> core.add(e.source()));
    assertEquals(Set.of("dev.exporthub.core", "dev.exporthub.core.log", "dev.exporthub.core.signing",
        "dev.exporthub.core.source"), core);
    assertTrue(modules.get("dev.exporthub.core").descriptor().uses().contains(FormatWriter.class.getName()));
    assertEquals(6, modules.get("dev.exporthub.formats").descriptor().provides().stream()
        .filter(p -> p.service().equals(FormatWriter.class.getName()))
        .mapToInt(p -> p.providers().size()).sum());
  }

  @Test
  @DisplayName("on the module path, the core finds the six built-in writers and the plugins' through their provides")
  void modulePath() {
    List<Path> paths = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      paths.add(Path.of(entry));
    }
    ModuleFinder finder = ModuleFinder.of(modules().values().stream()
        .map(ref -> Path.of(ref.location().orElseThrow())).toArray(Path[]::new));
    ModuleFinder libraries = ModuleFinder.of(paths.stream()
        .filter(p -> p.getFileName().toString().matches("(jackson|commons-csv|commons-codec|commons-io|slf4j-api|picocli).*\\.jar"))
        .toArray(Path[]::new));
    ModuleLayer parent = ModuleLayer.boot();
    var configuration = parent.configuration().resolveAndBind(ModuleFinder.compose(finder, libraries),
        ModuleFinder.of(), Set.of("dev.exporthub.core", "dev.exporthub.formats"));
    ModuleLayer layer = parent.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
    Set<String> writers = new TreeSet<>();
    Class<?> service = Class.forName(layer.findModule("dev.exporthub.api").orElseThrow(), FormatWriter.class.getName());
    ServiceLoader.load(layer, service).stream()
        .filter(provider -> provider.type().getModule().getLayer() == layer)
        .forEach(provider -> writers.add(provider.type().getSimpleName()));
    assertEquals(Set.of("AuditorPackageWriter", "CsvFormatWriter", "HtmlFormatWriter", "JsonFormatWriter",
        "MarkdownFormatWriter", "OscalAssessmentResultsWriter", "OscalPoamWriter", "ZipBundleWriter"), writers);
  }

  @Test
  @DisplayName("export-api imports nothing but the JDK's java.* packages")
  void apiIsJdkOnly() {
    ArchRule rule = ArchRuleDefinition.classes().that().resideInAPackage("dev.exporthub.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.exporthub.api..");
    rule.check(MAIN);
  }

  @Test
  @DisplayName("the core never depends on the formats, the console or the command line")
  void coreIsBelowFormats() {
    ArchRule rule = ArchRuleDefinition.noClasses().that().resideInAPackage("dev.exporthub.core..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.exporthub.formats..", "dev.exporthub.console..",
            "dev.exporthub.cli..", "dev.exporthub.samples..");
    rule.check(MAIN);
  }

  @Test
  @DisplayName("no public member of an exported type names a type of a package its module does not export")
  void noInternalTypeInHostFacingSignatures() throws ClassNotFoundException {
    Map<String, ModuleReference> modules = modules();
    Set<String> exported = new TreeSet<>();
    modules.values().forEach(m -> m.descriptor().exports().stream().filter(e -> !e.isQualified())
        .forEach(e -> exported.add(e.source())));
    List<String> leaks = new ArrayList<>();
    for (var javaClass : MAIN) {
      if (!exported.contains(javaClass.getPackageName()) || !javaClass.getModifiers().contains(
          com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
        continue;
      }
      Class<?> type = Class.forName(javaClass.getName(), false, getClass().getClassLoader());
      if (!isVisible(type)) {
        continue;
      }
      List<Member> members = new ArrayList<>();
      members.addAll(List.of(type.getDeclaredMethods()));
      members.addAll(List.of(type.getDeclaredConstructors()));
      members.addAll(List.of(type.getDeclaredFields()));
      for (Member member : members) {
        if (!Modifier.isPublic(member.getModifiers()) && !Modifier.isProtected(member.getModifiers())
            || member.isSynthetic()) {
          continue;
        }
        for (Type used : signature(member)) {
          collect(used, exported, type.getName() + "." + member.getName(), leaks);
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static List<Type> signature(Member member) {
    List<Type> types = new ArrayList<>();
    if (member instanceof Executable executable) {
      types.addAll(List.of(executable.getGenericParameterTypes()));
      types.addAll(List.of(executable.getGenericExceptionTypes()));
      if (executable instanceof Method method) {
        types.add(method.getGenericReturnType());
      }
    } else if (member instanceof Field field) {
      types.add(field.getGenericType());
    }
    return types;
  }

  private static void collect(Type type, Set<String> exported, String where, List<String> leaks) {
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String name = c.getPackageName();
      if (name.startsWith("dev.exporthub.") && !exported.contains(name)) {
        leaks.add(where + " names " + c.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), exported, where, leaks);
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, exported, where, leaks);
      }
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        collect(bound, exported, where, leaks);
      }
      for (Type bound : w.getLowerBounds()) {
        collect(bound, exported, where, leaks);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), exported, where, leaks);
    }
  }
}
