package io.parkloop.readside.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {
  private static final Table TABLE = new Table("t", List.of(Column.text("park", "园区", "Park"),
      Column.number("value", "值", "Value", "0.0"), Column.text("note", "说明", "Note")),
      List.of(Arrays.asList("SIP", 0.1 + 0.2, "a, \"quoted\" note"), Arrays.asList("CZBJ", null, null),
          Arrays.asList("WX", Double.POSITIVE_INFINITY, true)));

  @Test
  void csvHasTheColumnNamesTwelveDigitNumbersAndEmptyCellsForNothing() throws Exception {
    assertThat(write(TableFormat.CSV)).isEqualTo("""
        park,value,note
        SIP,0.3,"a, ""quoted"" note"
        CZBJ,,
        WX,,true
        """);
  }

  @Test
  void jsonHasOneObjectPerLineWithNulls() throws Exception {
    assertThat(write(TableFormat.JSON)).isEqualTo("""
        [
          {"park": "SIP", "value": 0.3, "note": "a, \\"quoted\\" note"},
          {"park": "CZBJ", "value": null, "note": null},
          {"park": "WX", "value": null, "note": true}
        ]
        """);
  }

  @Test
  void aRowMustFitItsColumnsAndAFormatItsName() {
    assertThatThrownBy(() -> new Table("t", TABLE.columns(), List.of(List.of("SIP"))))
        .hasMessage("t: a row of 1 cells under 3 columns");
    assertThat(TableFormat.parse("XLSX")).isEqualTo(TableFormat.XLSX);
    assertThatThrownBy(() -> TableFormat.parse("ods")).hasMessage("'ods' is not csv, json or xlsx");
  }

  private static String write(TableFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(TABLE, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
