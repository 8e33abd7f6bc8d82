package dev.longhand;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as an operator meets it: {@code --help} names every command, and no command prints warnings. */
class MainTest {

  @Test
  void helpListsTheLaunchersCommandsToo() {
    String help = new CommandLine(new Main()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (String command : List.of("serve", "migrate", "reindex", "test", "bench")) {
      assertThat(help).containsPattern("(?m)^\\s+" + command + "\\s");
    }
    assertThat(help).contains("launcher only").contains("bench/README.md");
    assertThat(help).doesNotContain("rehearse-start"); // the launcher's own, hidden
  }

  @Test
  void serveIsParsedByItsOwnCommandWithTheSameOptionsAndErrors() {
    CommandLine serve = Main.commandLine(new String[] {"serve", "--port", "8081"});
    Object command = serve.getCommand();
    assertThat(command).isInstanceOf(Main.Serve.class);
    assertThat(serve.getUsageMessage(CommandLine.Help.Ansi.OFF)).contains("longhand serve").contains("--data-dir").contains("--database-url");
    java.io.StringWriter err = new java.io.StringWriter();
    serve.setErr(new java.io.PrintWriter(err));
    assertThat(serve.execute("--port", "eighty")).isEqualTo(2);
    assertThat(err.toString()).contains("--port");
    Object whole = Main.commandLine(new String[] {"migrate"}).getCommand();
    assertThat(whole).isInstanceOf(Main.class);
  }

  @Test
  void theStartUpRehearsalServesAndLeavesNoDataDirectoryBehind() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = rehearsals(tmp);
    assertThat(new Main.RehearseStart().call()).isZero();
    assertThat(rehearsals(tmp)).isEqualTo(before);
  }

  private static List<Path> rehearsals(Path tmp) throws java.io.IOException {
    try (var files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("longhand-rehearsal-")).sorted().toList();
    }
  }

  @Test
  void aCommandRunWithTheLaunchersFlagsPrintsNoWarning(@TempDir Path dataDir) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dataDir.resolve("out.txt");
    // The flags of ./longhand (JVM_FLAGS) and of the test JVMs (longhand.jvmFlags in pom.xml).
    ProcessBuilder pb = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "reindex", "--data-dir", dataDir.resolve("data").toString());
    pb.environment().remove("LONGHAND_DATABASE_URL");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed).contains("Indexed 0 documents").doesNotContain("WARNING").doesNotContain("incubator");
  }

  @Test
  void theLauncherAddsNoIncubatorModule() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(Files.readString(root.resolve("longhand"))).doesNotContain("jdk.incubator");
    assertThat(Files.readString(root.resolve("pom.xml"))).doesNotContain("--add-modules jdk.incubator");
  }
}
