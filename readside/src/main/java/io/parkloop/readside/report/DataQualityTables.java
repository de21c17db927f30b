package io.parkloop.readside.report;

import io.parkloop.reference.Province;
import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "data quality" sheet: what a statistician must know before trusting a figure of
 * the period — enterprises whose monthly statistics are missing, meters and outlets that fell
 * silent, had counter resets or other quality events, or sent readings too late to count, and
 * the inputs rejected as dead letters.
 */
final class DataQualityTables {
  private static final String TIME = "'YYYY-MM-DD HH24:MI:SS'";

  private DataQualityTables() {}

  static List<Table> of(Connection connection, ReportPeriod period, Instant now) throws SQLException {
    return List.of(missingStatistics(connection, period, now), meters(connection, period),
        deadLetters(connection, period));
  }

  /** Months of the period begun by {@code now} without the enterprise's value added. */
  static Table missingStatistics(Connection connection, ReportPeriod period, Instant now) throws SQLException {
    List<Timestamp> months = new ArrayList<>();
    for (YearMonth month : period.monthsBegunBy(now)) {
      months.add(Timestamp.from(month.atDay(1).atStartOfDay(Province.ZONE).toInstant()));
    }
    Array monthStarts = connection.createArrayOf("timestamptz", months.toArray());
    List<Column> columns = List.of(Column.text("enterprise", "企业代码", "Enterprise ID"),
        Column.text("enterprise_name", "企业名称", "Enterprise name"), Column.text("park", "园区代码", "Park ID"),
        Column.number("missing_months", "缺报月数", "Missing months", "0"),
        Column.text("months", "缺报月份", "Months without statistics"));
    return table(connection, "enterprises with missing monthly statistics 统计数据缺报企业", columns, """
        select e.id, e.name, e.park_id, count(*), string_agg(to_char(m at time zone 'Asia/Shanghai', 'YYYY-MM'), ' ' order by m)
        from enterprise e cross join unnest(?::timestamptz[]) m
        where not exists (
          select 1 from indicator_value v
          where v.scope_type = 'enterprise' and v.scope_id = e.id and v.period_type = 'month'
            and v.indicator = 'value_added_10k_cny' and v.period_start = m)
        group by e.id, e.name, e.park_id
        order by e.park_id, e.id""", monthStarts);
  }

  /** A longer gap between two readings of a meter is listed: hourly and quarter-hourly meters should not have one. */
  static final String READING_GAP = "6 hours";

  /**
   * Silence alerts overlapping the period, quality events and late readings of readings in it, and
   * meters whose stored readings in it are more than {@link #READING_GAP} apart somewhere.
   */
  static Table meters(Connection connection, ReportPeriod period) throws SQLException {
    Timestamp start = Timestamp.from(period.startInstant());
    Timestamp end = Timestamp.from(period.endInstant());
    List<Column> columns = List.of(Column.text("meter", "计量点/排放口", "Meter or outlet"),
        Column.text("enterprise", "企业代码", "Enterprise ID"), Column.text("park", "园区代码", "Park ID"),
        Column.number("silences", "中断次数", "Silences", "0"),
        Column.number("longest_silence_h", "最长中断 (h)", "Longest silence (h)", "#,##0.0"),
        Column.text("silent_at_end", "仍中断", "Still silent"),
        Column.number("quality_events", "数据质量事件", "Quality events", "0"),
        Column.text("quality_kinds", "事件类型", "Event kinds"),
        Column.number("late_readings", "迟到读数", "Late readings", "0"),
        Column.number("longest_reading_gap_h", "最长读数间隔 (h)", "Longest gap between readings (h)", "#,##0.0"));
    return table(connection, "meters and outlets with gaps 数据缺失的计量点", columns, """
        with s as (
          select scope_id as id, count(*) as n, max(peak_value) as longest, bool_or(closed_at is null) as open
          from alerts where kind = 'silence' and opened_at < ? and coalesce(closed_at, 'infinity') >= ?
          group by scope_id),
        q as (
          select meter as id, count(*) as n, string_agg(distinct kind, ' ') as kinds
          from data_quality_event where ts >= ? and ts < ? group by meter),
        l as (
          select meter as id, count(*) as n from late_reading where ts >= ? and ts < ? group by meter),
        g as (
          select meter as id, extract(epoch from max(gap)) / 3600 as longest
          from (select meter, ts - lag(ts) over (partition by meter order by ts) as gap
                from reading where ts >= ? and ts < ?) gaps
          group by meter having max(gap) > ?::interval),
        ids as (select id from s union select id from q union select id from l union select id from g)
        select ids.id, coalesce(m.enterprise_id, o.enterprise_id), e.park_id, s.n, s.longest,
               case when s.open then 'yes' when s.n is not null then 'no' end, q.n, q.kinds, l.n, g.longest
        from ids
        left join s on s.id = ids.id left join q on q.id = ids.id left join l on l.id = ids.id
        left join g on g.id = ids.id
        left join meter m on m.id = ids.id left join outlet o on o.id = ids.id
        left join enterprise e on e.id = coalesce(m.enterprise_id, o.enterprise_id)
        order by e.park_id, ids.id""", end, start, start, end, start, end, start, end, READING_GAP);
  }

  /** Dead letters received in the period, by reason. */
  static Table deadLetters(Connection connection, ReportPeriod period) throws SQLException {
    List<Column> columns = List.of(Column.text("reason", "原因", "Reason"),
        Column.number("dead_letters", "条数", "Dead letters", "#,##0"),
        Column.text("first_received", "首次 (北京时间)", "First received (Asia/Shanghai)"),
        Column.text("last_received", "最近 (北京时间)", "Last received (Asia/Shanghai)"),
        Column.text("example_source", "来源示例", "Example source"),
        Column.text("example_detail", "说明示例", "Example detail"));
    return table(connection, "dead letters by reason 拒收数据", columns, """
        select reason, count(*),
               to_char(min(received_at) at time zone 'Asia/Shanghai', %1$s),
               to_char(max(received_at) at time zone 'Asia/Shanghai', %1$s),
               (array_agg(source order by received_at desc))[1], (array_agg(detail order by received_at desc))[1]
        from dead_letter where received_at >= ? and received_at < ?
        group by reason order by count(*) desc, reason""".formatted(TIME),
        Timestamp.from(period.startInstant()), Timestamp.from(period.endInstant()));
  }

  private static Table table(Connection connection, String title, List<Column> columns, String sql,
      Object... parameters) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            Object value = result.getObject(i);
            row.add(value instanceof Number number ? (Object) number.doubleValue() : value);
          }
          rows.add(row);
        }
      }
    }
    return new Table(title, columns, rows);
  }
}
