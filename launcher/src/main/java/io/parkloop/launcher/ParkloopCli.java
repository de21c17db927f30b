package io.parkloop.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parkloop} command. */
@Command(name = "parkloop", mixinStandardHelpOptions = true, version = "parkloop 0.1.0",
    description = "Real-time monitoring and statistics for the circular-economy transformation of industrial parks.",
    subcommands = {RunCommand.class, BridgeCommand.class, MigrateCommand.class, DemoCommand.class, ReplayCommand.class,
        ReconcileCommand.class, ExportCommand.class, AcceptanceCommand.class, ProgressCommand.class, ReportCommand.class,
        FlowsCommand.class, AlertsCommand.class, BenchCommand.class,
        ServeCommand.class, UsersCommand.class, CommandLine.HelpCommand.class})
public final class ParkloopCli {
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new ParkloopCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("parkloop: " + e.getMessage());
      org.slf4j.LoggerFactory.getLogger(ParkloopCli.class).debug("failed", e);
      return 1;
    });
    System.exit(cli.execute(args));
  }
}
