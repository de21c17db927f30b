package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The MQTT accounts of one installation, kept in a file of lines {@code role name password}
 * (password {@code -} for a certificate-only account; {@code #} starts a comment), e.g.
 * <pre>
 * bridge     parkloop-bridge  3f9c…
 * enterprise E001             a71b…
 * analyser   88888880000001   -
 * </pre>
 * The file holds secrets: it is written readable by its owner only and never committed.
 */
public final class MqttAccounts {
  public static final String BRIDGE = "parkloop-bridge";
  private final Map<String, MqttAccount> byName;
  private final List<MqttAccount> ordered;

  public MqttAccounts(List<MqttAccount> accounts) {
    Map<String, MqttAccount> map = new LinkedHashMap<>();
    for (MqttAccount account : accounts) {
      if (map.put(account.name(), account) != null) {
        throw new IllegalArgumentException("MQTT account '" + account.name() + "' is listed twice");
      }
    }
    this.byName = Map.copyOf(map);
    this.ordered = List.copyOf(map.values());
  }

  public List<MqttAccount> all() {
    return ordered;
  }

  public Optional<MqttAccount> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The account of this name if the password is its password; compared in constant time. */
  public Optional<MqttAccount> authenticate(String name, byte[] password) {
    return named(name).filter(account -> account.password() != null && MessageDigest.isEqual(
        account.password().getBytes(StandardCharsets.UTF_8), password));
  }

  /** A bridge account and one account per enterprise, each with a fresh random password. */
  public static MqttAccounts generate(List<String> enterprises) {
    List<MqttAccount> accounts = new ArrayList<>();
    accounts.add(new MqttAccount(MqttAccount.Role.BRIDGE, BRIDGE, randomPassword()));
    for (String enterprise : enterprises) {
      accounts.add(new MqttAccount(MqttAccount.Role.ENTERPRISE, enterprise, randomPassword()));
    }
    return new MqttAccounts(accounts);
  }

  static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static MqttAccounts read(Path file) {
    List<MqttAccount> accounts = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read MQTT accounts " + file, e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      try {
        if (fields.length != 3) {
          throw new IllegalArgumentException("expected 'role name password'");
        }
        MqttAccount.Role role = MqttAccount.Role.valueOf(fields[0].toUpperCase(Locale.ROOT));
        accounts.add(new MqttAccount(role, fields[1], fields[2].equals("-") ? null : fields[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new MqttAccounts(accounts);
  }

  /** Writes the accounts, readable and writable by the owner only. */
  public void write(Path file) {
    StringBuilder text = new StringBuilder("# parkloop MQTT accounts: role name password (- = client certificate only)\n");
    for (MqttAccount account : ordered) {
      text.append(account.role().name().toLowerCase(Locale.ROOT)).append(' ').append(account.name())
          .append(' ').append(account.password() == null ? "-" : account.password()).append('\n');
    }
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write MQTT accounts " + file, e);
    }
  }
}
