package io.parkloop.readside.acceptance;

import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The acceptance results and the provincial progress as tables (CSV, JSON, workbook sheets). */
public final class AcceptanceTables {
  private static final String PERCENT = "0.0";
  private static final String VALUE = "#,##0.00##";

  private static final List<Column> ACCEPTANCE = List.of(
      Column.number("year", "年度", "Year", "0"),
      Column.text("year_to_date", "年内累计", "Year to date"),
      Column.text("park", "园区代码", "Park ID"),
      Column.text("park_name", "园区名称", "Park name"),
      Column.text("city", "城市", "City"),
      Column.text("region", "区域", "Region"),
      Column.text("level", "园区级别", "Level"),
      Column.text("indicator", "指标", "Indicator"),
      Column.text("direction", "方向", "Direction"),
      Column.number("target", "目标值", "Target", VALUE),
      Column.number("actual", "实际值", "Actual", VALUE),
      Column.text("unit", "单位", "Unit"),
      Column.number("completion_pct", "完成率 (%)", "Completion (%)", PERCENT),
      Column.text("status", "指标结果", "Indicator result"),
      Column.text("reason", "说明", "Reason"),
      Column.text("park_status", "园区结果", "Park result"),
      Column.text("park_reason", "园区说明", "Park reason"));

  private static final List<Column> PROGRESS = List.of(
      Column.number("year", "年度", "Year", "0"),
      Column.text("year_to_date", "年内累计", "Year to date"),
      Column.text("scope_type", "范围类型", "Scope type"),
      Column.text("scope_id", "范围", "Scope"),
      Column.text("level", "园区级别", "Level"),
      Column.number("parks", "园区数", "Parks", "0"),
      Column.number("passing", "通过数", "Passing", "0"),
      Column.number("share_pct", "通过比例 (%)", "Share passing (%)", PERCENT),
      Column.number("goal_pct", "目标比例 (%)", "Goal (%)", PERCENT),
      Column.text("meets_goal", "达到目标", "Meets goal"),
      Column.number("province_share_pct", "全省比例 (%)", "Province share (%)", PERCENT),
      Column.number("vs_province_pts", "与全省差 (百分点)", "Versus province (points)", PERCENT),
      Column.text("passing_parks", "通过园区", "Passing parks"),
      Column.text("other_parks", "未通过园区", "Other parks"));

  private AcceptanceTables() {}

  /** One row per park and target; a park without targets has one row with the target columns empty. */
  public static Table acceptance(List<ParkResult> results) {
    List<List<Object>> rows = new ArrayList<>();
    for (ParkResult result : results) {
      if (result.targets().isEmpty()) {
        rows.add(row(result, null));
      }
      result.targets().forEach(target -> rows.add(row(result, target)));
    }
    return new Table("acceptance 考核验收", ACCEPTANCE, rows);
  }

  public static Table progress(int year, boolean yearToDate, List<ProgressFigure> figures) {
    List<List<Object>> rows = new ArrayList<>();
    for (ProgressFigure figure : figures) {
      rows.add(Arrays.asList(year, yesNo(yearToDate), figure.scopeType(), figure.scopeId(), figure.level(),
          figure.parks(), figure.passing().size(), percent(figure.share()), percent(figure.goal()),
          yesNo(figure.meetsGoal()), percent(figure.provinceShare()),
          percent(figure.share() - figure.provinceShare()),
          String.join(" ", figure.passing()), String.join(" ", figure.notPassing())));
    }
    return new Table("progress 推进进度", PROGRESS, rows);
  }

  private static List<Object> row(ParkResult result, TargetResult target) {
    ParkInfo park = result.park();
    List<Object> row = new ArrayList<>(Arrays.asList(result.year(), yesNo(result.yearToDate()), park.id(),
        park.name(), park.city(), park.region(), park.level()));
    if (target == null) {
      row.addAll(Arrays.asList(null, null, null, null, null, null, null, null));
    } else {
      row.addAll(Arrays.asList(target.indicator(), target.direction().label(), target.target(), target.actual(),
          target.unit(), finitePercent(target.completion()),
          status(target.status()), target.reason()));
    }
    row.add(status(result.status()));
    row.add(result.reason());
    return row;
  }

  /** A ratio as a percentage rounded to two decimals. */
  static double percent(double ratio) {
    return Math.round(ratio * 10_000) / 100.0;
  }

  /** No figure without an actual, nor for the infinite completion of a zero actual: the reason says why. */
  private static Double finitePercent(Double completion) {
    return completion == null || completion.isInfinite() ? null : percent(completion);
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static String status(Enum<?> status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }
}
