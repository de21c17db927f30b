package io.parkloop.embedded;

import java.util.List;

/**
 * Who may do what on the MQTT broker: the one access rule of parkloop, applied alike by the
 * embedded HiveMQ ({@link HiveMqAccessExtension}) and by Mosquitto's ACL ({@link MosquittoAccess}).
 *
 * @param name the user name, and the common name (CN) of the account's TLS client certificate:
 *     an enterprise's id, an analyser's MN, or the bridge's name
 * @param password null for an account that logs in with its client certificate only
 */
public record MqttAccount(Role role, String name, String password) {
  public static final String READINGS = "parkloop/v1/readings/";
  public static final String HJ212 = "parkloop/v1/hj212/";
  public static final String WASTE = "parkloop/v1/waste/";

  public enum Role {
    /** A gateway, meter or weighbridge of one enterprise: publishes that enterprise's readings and waste records only. */
    ENTERPRISE,
    /** An HJ 212 analyser relaying over MQTT: publishes its own MN's packets only. */
    ANALYSER,
    /** The ingest bridge: subscribes to every reading and packet, publishes nothing. */
    BRIDGE
  }

  public MqttAccount {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
      // the name becomes part of a topic filter: '+', '#' or '/' in it would widen the grant
      throw new IllegalArgumentException("MQTT account name '" + name + "' must be letters, digits, _ . or -");
    }
  }

  /** Without the password, so that logging an account never logs its secret. */
  @Override
  public String toString() {
    return role.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }

  /** The topic filters this account may publish to. */
  public List<String> publishFilters() {
    return switch (role) {
      case ENTERPRISE -> List.of(READINGS + name + "/#", WASTE + name);
      case ANALYSER -> List.of(HJ212 + name);
      case BRIDGE -> List.of();
    };
  }

  /** The topic filters this account may subscribe to (shared subscriptions included). */
  public List<String> subscribeFilters() {
    return role == Role.BRIDGE ? List.of(READINGS + "+/+", HJ212 + "+", WASTE + "+") : List.of();
  }
}
