package io.parkloop.launcher.pipeline;

import io.parkloop.embedded.MqttAccount;
import io.parkloop.embedded.MqttAccounts;
import io.parkloop.embedded.MqttSecurity;
import io.parkloop.ingest.MqttBridgeConfig;
import io.parkloop.ingest.MqttClientTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * How the bridge logs in to the MQTT broker (docs/security.md, "MQTT"): a user name and password,
 * and for an {@code ssl://} broker the trusted CA and optionally a client certificate; or, for
 * the embedded broker, an accounts file that turns its access control on. Secrets are best given
 * by environment variable, which other users of the machine cannot read from the process list.
 */
public final class MqttOptions {
  private static final Logger LOG = LoggerFactory.getLogger(MqttOptions.class);

  @Option(names = "--mqtt-client-id", defaultValue = "${env:PARKLOOP_MQTT_CLIENT_ID}",
      description = {"The bridge's MQTT client id; the broker keeps the bridge's session (and the messages queued",
          "for it) under this id, so it must stay the same across restarts, and each instance of a scaled-out",
          "bridge needs its own, e.g. the pod name of a StatefulSet (env PARKLOOP_MQTT_CLIENT_ID;",
          "default: parkloop-bridge-1)."})
  String clientId;

  @Option(names = "--mqtt-username", defaultValue = "${env:PARKLOOP_MQTT_USERNAME}",
      description = "The bridge's MQTT user name (env PARKLOOP_MQTT_USERNAME).")
  String username;

  @Option(names = "--mqtt-password", defaultValue = "${env:PARKLOOP_MQTT_PASSWORD}",
      description = "The bridge's MQTT password; prefer env PARKLOOP_MQTT_PASSWORD.")
  String password;

  @Option(names = "--mqtt-truststore", defaultValue = "${env:PARKLOOP_MQTT_TRUSTSTORE}",
      description = "PKCS#12 file with the CA of an ssl:// broker (env PARKLOOP_MQTT_TRUSTSTORE).")
  Path trustStore;

  @Option(names = "--mqtt-keystore", defaultValue = "${env:PARKLOOP_MQTT_KEYSTORE}",
      description = "PKCS#12 file with the bridge's client certificate (env PARKLOOP_MQTT_KEYSTORE).")
  Path keyStore;

  @Option(names = "--mqtt-store-password", defaultValue = "${env:PARKLOOP_MQTT_STORE_PASSWORD}",
      description = "Password of the PKCS#12 files; prefer env PARKLOOP_MQTT_STORE_PASSWORD.")
  String storePassword;

  @Option(names = "--mqtt-accounts", defaultValue = "${env:PARKLOOP_MQTT_ACCOUNTS}",
      description = {"Embedded broker only: its MQTT accounts file (role name password per line); only these",
          "accounts log in, each to its own topics, and the bridge uses the 'bridge' account of the file.",
          "A missing file is created with a random bridge password; add a line per enterprise",
          "(env PARKLOOP_MQTT_ACCOUNTS; default: anonymous access, for the demo)."})
  public Path accounts;

  /** The embedded broker's access control, or null for anonymous access. */
  MqttSecurity embeddedSecurity() {
    if (accounts == null) {
      return null;
    }
    if (Files.notExists(accounts)) {
      MqttAccounts.generate(List.of()).write(accounts);
      LOG.info("MQTT accounts written to {} (owner-readable only): the bridge's; add 'enterprise <id> <password>'"
          + " lines for the gateways", accounts.toAbsolutePath());
    }
    return MqttSecurity.passwordsOnly(MqttAccounts.read(accounts));
  }

  public MqttBridgeConfig bridgeConfig(String brokerUrl, boolean embedded) {
    MqttBridgeConfig config = MqttBridgeConfig.defaults(brokerUrl);
    if (clientId != null) {
      config = config.withClientId(clientId);
    }
    if (username != null) {
      config = config.withCredentials(username, password);
    } else if (embedded && accounts != null) {
      MqttAccount bridge = MqttAccounts.read(accounts).all().stream()
          .filter(account -> account.role() == MqttAccount.Role.BRIDGE).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(accounts + " has no bridge account"));
      config = config.withCredentials(bridge.name(), bridge.password());
    }
    if (trustStore != null || keyStore != null) {
      config = config.withTls(new MqttClientTls(trustStore, keyStore, storePassword));
    }
    return config;
  }
}
