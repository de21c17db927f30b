package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.storage.flows.FlowRecord;
import io.parkloop.readside.flows.FlowTables;
import java.sql.Connection;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code parkloop flows}: a park's material flows of a month (docs/indicators.md, "Material flows"). */
@Command(name = "flows", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"A park's material flows (物质流) of a month: one row per link with its source, target, "
        + "direction (internal between two enterprises of the park, in, out), what flows (steam_t, "
        + "electricity_kwh, recycled_water_m3, energy_tce, solid_waste_t, hazardous_waste_t, ...) and how much.",
        "Purchases come from 'outside'; waste leaves to its handler or 'outside'."})
final class FlowsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--park", required = true, description = "The park's id, e.g. SIP.")
  String park;

  @Option(names = "--period", required = true, description = "The month, e.g. 2026-03 (Asia/Shanghai).")
  String period;

  @Mixin TableOutputOptions output;
  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws Exception {
    output.check(spec);
    YearMonth month;
    try {
      month = YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--period '" + period + "' is not a month such as 2026-03");
    }
    List<FlowRecord> flows;
    try (CommandDatabase db = CommandDatabase.open(database, false);
        Connection connection = db.dataSource().getConnection()) {
      flows = FlowTables.month(connection, park, month);
    }
    output.write(FlowTables.table("flows 物质流 " + park + " " + month, flows));
    System.err.printf("parkloop: %s %s: %,d flows%n", park, month, flows.size());
    return 0;
  }
}
