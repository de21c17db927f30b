package io.parkloop.storage;

import java.time.Instant;

/**
 * One value of the equipment behind an outlet (HJ 212-2025 ST 44/45): {@code code} the
 * equipment's code, {@code kind} Avg/Cou/Min/Max/Rtd, {@code period} the packet's data period,
 * {@code quantity} power (kW), energy (kWh) or condition; {@code flag} as the device sent it.
 */
public record EquipmentReadingRecord(String outlet, String code, String kind, String period, Instant ts,
    String quantity, double value, String flag, Instant receivedAt) {}
