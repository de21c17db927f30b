package io.parkloop.readside.acceptance;

/** What the acceptance and progress tables show of a park; {@code level} is national or provincial. */
public record ParkInfo(String id, String name, String city, String region, String level) {}
