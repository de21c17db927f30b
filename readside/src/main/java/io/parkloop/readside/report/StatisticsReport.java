package io.parkloop.readside.report;

import io.parkloop.reference.ReferenceData;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.AcceptanceTables;
import io.parkloop.readside.acceptance.ParkResult;
import io.parkloop.readside.acceptance.ProvincialProgress;
import io.parkloop.readside.table.TableSheets;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The statistician's workbook for a period (docs/acceptance.md, "The report"): a sheet per level
 * of aggregation (province, region, city, park level, park, enterprise) with a row per scope and
 * a column per indicator, the acceptance and progress of the period's year, the data quality
 * of the period, and its circular economy: links, exchanged quantities, utilisation, and the
 * double counting the transfer rule removed.
 */
public final class StatisticsReport {
  public static final String ACCEPTANCE_SHEET = "acceptance 考核验收";
  public static final String PROGRESS_SHEET = "progress 推进进度";
  public static final String QUALITY_SHEET = "data quality 数据质量";
  public static final String CIRCULAR_SHEET = "circular economy 循环经济";

  private StatisticsReport() {}

  /**
   * Writes the workbook and flushes, leaving the stream open.
   *
   * @param reference where the targets come from; null: the {@code target} table
   */
  public static void write(DataSource dataSource, ReportPeriod period, ReferenceData reference, Instant now,
      OutputStream out) throws SQLException, IOException {
    List<ParkResult> acceptance = reference == null ? AcceptanceQueries.assess(dataSource, period.year(), now)
        : AcceptanceQueries.assess(dataSource, reference, period.year(), now);
    boolean yearToDate = AcceptanceQueries.inProgress(period.year(), now);
    SXSSFWorkbook workbook = new SXSSFWorkbook(500);
    try (workbook; Connection connection = dataSource.getConnection()) {
      TableSheets sheets = new TableSheets(workbook);
      for (ScopeLevel level : ScopeLevel.ALL) {
        sheets.sheet(level.sheet(), ScopeTables.of(connection, level, period));
      }
      sheets.sheet(ACCEPTANCE_SHEET, AcceptanceTables.acceptance(acceptance));
      sheets.sheet(PROGRESS_SHEET, AcceptanceTables.progress(period.year(), yearToDate,
          ProvincialProgress.of(acceptance)));
      sheets.sheet(QUALITY_SHEET, DataQualityTables.of(connection, period, now));
      sheets.sheet(CIRCULAR_SHEET, CircularEconomyTables.of(connection, period));
      workbook.write(out);
    } finally {
      workbook.dispose(); // the streamed rows' temporary files
    }
    out.flush();
  }
}
