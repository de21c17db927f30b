package io.parkloop.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * parkloop's access rule inside the embedded HiveMQ: a client logs in with the password of an
 * account or with a client certificate whose CN names one, and gets exactly that account's
 * topic permissions; everything else is denied (HiveMQ refuses a publish or subscription outside
 * them: MQTT 5 clients get "not authorized", MQTT 3 clients are disconnected).
 */
final class HiveMqAccessExtension implements ExtensionMain {
  private final MqttAccounts accounts;

  private HiveMqAccessExtension(MqttAccounts accounts) {
    this.accounts = accounts;
  }

  static EmbeddedExtension of(MqttAccounts accounts) {
    return EmbeddedExtension.builder()
        .withId("parkloop-access")
        .withName("parkloop MQTT accounts and topic permissions")
        .withVersion("1")
        .withExtensionMain(new HiveMqAccessExtension(accounts))
        .build();
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    SimpleAuthenticator authenticator = this::authenticate;
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
    Optional<MqttAccount> account = certificateName(input).flatMap(accounts::named)
        .or(() -> passwordLogin(input));
    if (account.isEmpty()) {
      output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown account or wrong password");
      return;
    }
    ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    account.get().publishFilters().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.PUBLISH)));
    account.get().subscribeFilters().forEach(filter -> permissions.add(permission(filter, TopicPermission.MqttActivity.SUBSCRIBE)));
    output.authenticateSuccessfully();
  }

  private Optional<MqttAccount> passwordLogin(SimpleAuthInput input) {
    Optional<String> user = input.getConnectPacket().getUserName();
    Optional<ByteBuffer> password = input.getConnectPacket().getPassword();
    if (user.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = new byte[password.get().remaining()];
    password.get().duplicate().get(bytes);
    return accounts.authenticate(user.get(), bytes);
  }

  /** The CN of a client certificate the TLS listener has verified against the CA. */
  private static Optional<String> certificateName(SimpleAuthInput input) {
    return input.getConnectionInformation().getClientTlsInformation()
        .flatMap(ClientTlsInformation::getClientCertificate)
        .flatMap(HiveMqAccessExtension::commonName);
  }

  static Optional<String> commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static TopicPermission permission(String filter, TopicPermission.MqttActivity activity) {
    return Builders.topicPermission()
        .topicFilter(filter)
        .activity(activity)
        .type(TopicPermission.PermissionType.ALLOW)
        .build();
  }
}
