package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** debootstrap's archive is the one apt already uses: the main suite's, never the security archive's. */
class DebianMirrorTest {
  @Test
  void deb822TakesTheFirstUriOfTheMainArchiveAndSkipsSecurityAndDisabledStanzas() {
    String sources = """
        Types: deb
        URIs: http://security.example/debian-security
        Suites: bookworm-security
        Components: main

        Types: deb
        URIs: http://disabled.example/debian
        Suites: bookworm
        Enabled: no

        Types: deb deb-src
        # a comment
        URIs: http://archive.example/debian http://second.example/debian
        Suites: bookworm bookworm-updates
        Components: main
        """;

    assertThat(DebianMirror.fromDeb822(sources)).contains("http://archive.example/debian");
    assertThat(DebianMirror.fromDeb822("Types: deb-src\nURIs: http://src.example/debian\nSuites: bookworm\n")).isEmpty();
  }

  @Test
  void oneLineFormatSkipsCommentsOptionsAndSecurity() {
    String list = """
        # deb http://commented.example/debian bookworm main
        deb http://security.example/debian-security bookworm-security main
        deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] http://archive.example/debian bookworm main
        """;

    assertThat(DebianMirror.fromOneLineFormat(list)).contains("http://archive.example/debian");
    assertThat(DebianMirror.fromOneLineFormat("deb-src http://src.example/debian bookworm main")).isEmpty();
  }
}
