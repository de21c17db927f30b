package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.embedded.MqttAccount.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttAccountsTest {
  @TempDir Path dir;

  @Test
  void eachRoleGetsItsOwnTopicsOnly() {
    assertThat(new MqttAccount(Role.ENTERPRISE, "E001", "x").publishFilters())
        .containsExactly("parkloop/v1/readings/E001/#", "parkloop/v1/waste/E001");
    assertThat(new MqttAccount(Role.ANALYSER, "88888880000001", "x").publishFilters())
        .containsExactly("parkloop/v1/hj212/88888880000001");
    MqttAccount bridge = new MqttAccount(Role.BRIDGE, "parkloop-bridge", "x");
    assertThat(bridge.publishFilters()).isEmpty();
    assertThat(bridge.subscribeFilters()).containsExactly("parkloop/v1/readings/+/+", "parkloop/v1/hj212/+", "parkloop/v1/waste/+");
  }

  @Test
  void anAccountNeverShowsItsPassword() {
    assertThat(new MqttAccount(Role.ENTERPRISE, "E001", "secret")).hasToString("enterprise E001");
  }

  @Test
  void aNameThatWouldWidenATopicFilterIsRefused() {
    for (String name : new String[] {"#", "E001/#", "+", "", "E 1"}) {
      assertThatThrownBy(() -> new MqttAccount(Role.ENTERPRISE, name, "x"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void generatedAccountsSurviveTheFileOwnerReadableOnly() throws IOException {
    MqttAccounts generated = MqttAccounts.generate(List.of("E001", "E002"));
    Path file = dir.resolve("mqtt-accounts");

    generated.write(file);
    MqttAccounts read = MqttAccounts.read(file);

    assertThat(read.all()).isEqualTo(generated.all());
    assertThat(read.all()).extracting(MqttAccount::name).containsExactly("parkloop-bridge", "E001", "E002");
    assertThat(read.all().get(1).password()).hasSize(32).isNotEqualTo(read.all().get(2).password());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void onlyTheRightPasswordAuthenticatesAndACertificateOnlyAccountHasNone() {
    MqttAccounts accounts = new MqttAccounts(List.of(new MqttAccount(Role.ENTERPRISE, "E001", "secret"),
        new MqttAccount(Role.ENTERPRISE, "E002", null)));

    assertThat(accounts.authenticate("E001", bytes("secret"))).isPresent();
    assertThat(accounts.authenticate("E001", bytes("Secret"))).isEmpty();
    assertThat(accounts.authenticate("E002", bytes(""))).isEmpty();
    assertThat(accounts.authenticate("E003", bytes("secret"))).isEmpty();
  }

  @Test
  void aBadLineIsReportedWithFileAndLine() throws IOException {
    Path file = dir.resolve("accounts");
    Files.writeString(file, "# comment\nbridge parkloop-bridge pw\nowner E001 pw\n");

    assertThatThrownBy(() -> MqttAccounts.read(file)).hasMessageStartingWith(file + ":3: ");
  }

  @Test
  void mosquittosAclHasOneUserBlockPerAccount() {
    MqttAccounts accounts = new MqttAccounts(List.of(new MqttAccount(Role.BRIDGE, "parkloop-bridge", "a"),
        new MqttAccount(Role.ENTERPRISE, "E001", "b")));

    assertThat(MosquittoAccess.acl(accounts)).contains("""
        user parkloop-bridge
        topic read parkloop/v1/readings/+/+
        topic read parkloop/v1/hj212/+
        topic read parkloop/v1/waste/+

        user E001
        topic write parkloop/v1/readings/E001/#
        topic write parkloop/v1/waste/E001
        """);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
