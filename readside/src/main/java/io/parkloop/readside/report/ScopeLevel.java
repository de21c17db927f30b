package io.parkloop.readside.report;

import io.parkloop.readside.table.Column;
import io.parkloop.reference.Province;
import io.parkloop.reference.ScopeType;
import java.util.List;

/**
 * A level of aggregation the report gives a sheet: its {@code scope_type}, the sheet's name and
 * the columns that say which scope a row is, filled by {@code describe} (the scope's id first;
 * null when the id says it all).
 */
record ScopeLevel(ScopeType scopeType, String sheet, List<Column> idColumns, String describe) {
  /** Widest first, the reverse of the roll-up order. */
  static final List<ScopeLevel> ALL = List.of(
      level(ScopeType.PROVINCE, "全省", List.of(Column.text("province", "省份", "Province")), null),
      level(ScopeType.REGION, "区域", List.of(Column.text("region", "区域", "Region")), null),
      level(ScopeType.CITY, "城市", List.of(Column.text("city", "城市", "City"), Column.text("region", "区域", "Region")),
          "select city, min(region) from park group by city"),
      level(ScopeType.LEVEL, "园区级别", List.of(Column.text("level", "园区级别", "Park level")), null),
      level(ScopeType.PARK, "园区", List.of(Column.text("park", "园区代码", "Park ID"),
          Column.text("park_name", "园区名称", "Park name"), Column.text("city", "城市", "City"),
          Column.text("region", "区域", "Region"), Column.text("level", "园区级别", "Park level")),
          "select id, name, city, region, level from park"),
      level(ScopeType.ENTERPRISE, "企业", List.of(Column.text("enterprise", "企业代码", "Enterprise ID"),
          Column.text("enterprise_name", "企业名称", "Enterprise name"), Column.text("park", "园区代码", "Park ID")),
          "select id, name, park_id from enterprise"));

  /** A sheet named by its scope type's code and its Chinese name, e.g. {@code park 园区}. */
  private static ScopeLevel level(ScopeType type, String chinese, List<Column> idColumns, String describe) {
    return new ScopeLevel(type, type.code() + " " + chinese, idColumns, describe);
  }
}
