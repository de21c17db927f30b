package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.ApiTokens;
import io.parkloop.readside.DatabaseRoles;
import io.parkloop.readside.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkloop users}: park managers' database logins and the query API's tokens (docs/security.md). */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = "Makes park managers' database logins and the query API's bearer tokens.",
    subcommands = {UsersCommand.AddParkManager.class, UsersCommand.Token.class})
final class UsersCommand {

  @Command(name = "add-park-manager", mixinStandardHelpOptions = true,
      description = {"Makes a database login that sees only one park's rows (row-level security),",
          "or gives an existing park manager a new park and password. Prints the password once."})
  static final class AddParkManager implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Option(names = "--park", required = true, description = "The park's id in reference.yaml, e.g. SIP.")
    String park;

    @Option(names = "--name", required = true, description = "The login: lower-case letters, digits and _, e.g. alice.")
    String name;

    @Override
    public Integer call() throws Exception {
      try (CommandDatabase db = CommandDatabase.open(database, false)) {
        Migrations.migrate(db.dataSource());
        String password = DatabaseRoles.addParkManager(db.dataSource(), name, park);
        System.out.println("park manager " + name + " of " + park + ": database login " + name + ", password " + password);
        System.out.println("(shown once; the database keeps only its hash. An API token: ./parkloop users token --park-manager "
            + name + ")");
      }
      return 0;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = {"Issues a bearer token for ./parkloop serve and prints it once; the database keeps only its SHA-256.",
          "Requests with it run as the statistician (all parks) or as a park manager (that park only)."})
  static final class Token implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @ArgGroup(exclusive = true, multiplicity = "1") Holder holder;

    @Option(names = "--label", defaultValue = "issued by ./parkloop users token",
        description = "Who or what the token is for, kept beside its hash.")
    String label;

    static final class Holder {
      @Option(names = "--statistician", description = "All parks, read-only.") boolean statistician;

      @Option(names = "--park-manager", paramLabel = "LOGIN", description = "A park manager's login (users add-park-manager).")
      String parkManager;
    }

    @Override
    public Integer call() throws Exception {
      try (CommandDatabase db = CommandDatabase.open(database, false)) {
        Migrations.migrate(db.dataSource());
        String token = holder.statistician ? ApiTokens.issueForStatistician(db.dataSource(), label)
            : ApiTokens.issueForParkManager(db.dataSource(), holder.parkManager, label);
        System.out.println(token);
      }
      return 0;
    }
  }
}
