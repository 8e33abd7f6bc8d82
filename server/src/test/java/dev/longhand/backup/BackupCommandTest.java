package dev.longhand.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.Main;
import dev.longhand.config.Config;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands as an operator meets them: listed in the help, and a backup of nothing says so. */
class BackupCommandTest {
  @TempDir Path tmp;

  @Test
  void helpListsBackupAndRestore() {
    String help = new CommandLine(new Main()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(help).containsPattern("(?m)^\\s+backup\\s").containsPattern("(?m)^\\s+restore\\s");
    String restore = new CommandLine(new Main()).getSubcommands().get("restore").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(restore).contains("--from").contains("--data-dir").contains("--database-url");
  }

  @Test
  void aBackupOfADataDirectoryWithoutADatabaseSaysSoAndWritesNoArchive() {
    Config none = new Config(0, tmp.resolve("nothing-here"), Optional.empty(), "", "127.0.0.1", false);
    assertThatThrownBy(() -> Backup.run(none, tmp.resolve("b.zip"), Archives.QUIET)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("there is no Longhand database at " + tmp.resolve("nothing-here").toAbsolutePath());
    assertThat(tmp.resolve("b.zip")).doesNotExist();
    assertThat(tmp.resolve("b.zip.part")).doesNotExist();
  }
}
