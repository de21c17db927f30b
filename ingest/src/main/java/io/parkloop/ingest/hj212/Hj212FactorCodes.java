package io.parkloop.ingest.hj212;

import java.util.Map;

/**
 * HJ/T 212-2005 pollutant codes and their HJ 212-2017 equivalents, as listed side by side in the
 * code table of HJ 212-2017 (its "original code" column). Water codes have three characters
 * ({@code 011}), air codes two ({@code 01}), so one table serves both without ambiguity.
 *
 * <p>Old codes the 2017 table gives no successor for (such as {@code 16} benzene series or
 * {@code 99} other air pollutants) are kept as sent rather than mapped to a guess.
 */
public final class Hj212FactorCodes {
  private static final Map<String, String> TO_2017 = Map.ofEntries(
      // water: flow and general
      Map.entry("B01", "w00000"), // wastewater flow
      Map.entry("001", "w01001"), // pH
      Map.entry("002", "w01002"), // colour
      Map.entry("003", "w01012"), // suspended solids
      Map.entry("010", "w01017"), // BOD5
      Map.entry("011", "w01018"), // COD (CODcr)
      Map.entry("015", "w01020"), // total organic carbon
      Map.entry("550", "w02003"), // faecal coliforms
      Map.entry("570", "w03001"), // gross alpha
      Map.entry("571", "w03002"), // gross beta
      Map.entry("520", "w19002"), // anionic surfactants
      // water: metals
      Map.entry("020", "w20111"), // total mercury
      Map.entry("021", "w20113"), // alkyl mercury
      Map.entry("022", "w20115"), // total cadmium
      Map.entry("023", "w20116"), // total chromium
      Map.entry("024", "w20117"), // hexavalent chromium
      Map.entry("026", "w20119"), // total arsenic
      Map.entry("027", "w20120"), // total lead
      Map.entry("028", "w20121"), // total nickel
      Map.entry("029", "w20122"), // total copper
      Map.entry("030", "w20123"), // total zinc
      Map.entry("031", "w20124"), // total manganese
      Map.entry("032", "w20125"), // total iron
      Map.entry("033", "w20126"), // total silver
      Map.entry("034", "w20127"), // total beryllium
      Map.entry("035", "w20128"), // total selenium
      Map.entry("036", "w20092"), // tin
      Map.entry("037", "w20023"), // boron
      Map.entry("038", "w20061"), // molybdenum
      Map.entry("039", "w20012"), // barium
      Map.entry("040", "w20038"), // cobalt
      Map.entry("041", "w20089"), // thallium
      // water: nutrients and others
      Map.entry("060", "w21003"), // ammonia nitrogen
      Map.entry("061", "w99001"), // organic nitrogen
      Map.entry("062", "w21004"), // Kjeldahl nitrogen
      Map.entry("063", "w21006"), // nitrite
      Map.entry("064", "w21007"), // nitrate
      Map.entry("065", "w21001"), // total nitrogen
      Map.entry("070", "w21016"), // cyanide
      Map.entry("071", "w21019"), // sulphide
      Map.entry("072", "w21017"), // fluoride
      Map.entry("080", "w22001"), // petroleum oils
      Map.entry("090", "w21022"), // chloride
      Map.entry("101", "w21011"), // total phosphorus
      Map.entry("110", "w23002"), // volatile phenols
      Map.entry("350", "w33001"), // HCH
      Map.entry("351", "w33007"), // DDT
      Map.entry("540", "w25043"), // benzo[a]pyrene
      // flue gas: flow and stack conditions
      Map.entry("B02", "a00000"), // flue-gas flow
      Map.entry("S01", "a19001"), // oxygen content
      Map.entry("S02", "a01011"), // flue-gas velocity
      Map.entry("S03", "a01012"), // flue-gas temperature
      Map.entry("S04", "a01017"), // flue-gas dynamic pressure
      Map.entry("S05", "a01014"), // flue-gas humidity
      Map.entry("S06", "a01015"), // cooler temperature
      Map.entry("S07", "a01016"), // stack cross-section area
      Map.entry("S08", "a01013"), // flue-gas (static) pressure
      // flue gas: pollutants
      Map.entry("01", "a34013"), // particulate (smoke dust)
      Map.entry("02", "a21026"), // SO2
      Map.entry("03", "a21002"), // NOx
      Map.entry("04", "a21005"), // CO
      Map.entry("05", "a21028"), // H2S
      Map.entry("06", "a21018"), // fluoride
      Map.entry("07", "a21017"), // cyanide
      Map.entry("08", "a21024"), // hydrogen chloride
      Map.entry("09", "a34038"), // bitumen fume
      Map.entry("10", "a21001"), // ammonia
      Map.entry("11", "a21022"), // chlorine
      Map.entry("12", "a99051"), // carbon disulphide
      Map.entry("13", "a30022"), // mercaptans
      Map.entry("14", "a34039"), // sulphuric acid mist
      Map.entry("15", "a34040"), // chromic acid mist
      Map.entry("17", "a25003"), // toluene
      Map.entry("18", "a25005"), // xylene
      Map.entry("19", "a31001"), // formaldehyde
      Map.entry("20", "a25044"), // benzo[a]pyrene
      Map.entry("21", "a26001"), // anilines
      Map.entry("22", "a25023"), // nitrobenzene
      Map.entry("23", "a25010"), // chlorobenzene
      Map.entry("24", "a99049"), // phosgene
      Map.entry("25", "a24087"), // hydrocarbons
      Map.entry("26", "a31002"), // acetaldehyde
      Map.entry("27", "a23001"), // phenols
      Map.entry("28", "a30001"), // methanol
      Map.entry("29", "a24046"), // vinyl chloride
      Map.entry("30", "a05001"), // CO2
      Map.entry("31", "a20057"), // mercury and compounds
      Map.entry("32", "a20043"), // lead and compounds
      Map.entry("33", "a20025"), // cadmium and compounds
      Map.entry("34", "a20091"), // tin and compounds
      Map.entry("35", "a20063"), // nickel and compounds
      Map.entry("36", "a20016"), // beryllium and compounds
      Map.entry("37", "a01010")); // Ringelmann blackness

  private Hj212FactorCodes() {}

  /**
   * The 2017 code for {@code code}. Codes already in 2017 form, and old ones without a
   * successor, come back unchanged.
   */
  public static String to2017(String code) {
    return TO_2017.getOrDefault(code, code);
  }
}
