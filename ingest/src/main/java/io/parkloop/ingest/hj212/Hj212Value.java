package io.parkloop.ingest.hj212;

/**
 * One number from a packet's CP field, such as {@code 011-Rtd=70.00} with {@code 011-Flag=N}.
 *
 * @param factor the HJ 212-2017 factor code ({@code w01018}); an old code without a 2017
 *     counterpart stays as it came
 * @param originalCode the code as sent ({@code 011})
 * @param kind what the number is: Rtd, Avg, Min, Max, Cou, ZsRtd, ZsAvg, …
 * @param flag the data flag (N normal, F stopped, M maintenance, S manual, D fault, C calibration,
 *     T over range, B communication lost), or null when the packet gives none
 */
public record Hj212Value(String factor, String originalCode, String kind, double value,
    String flag) {}
