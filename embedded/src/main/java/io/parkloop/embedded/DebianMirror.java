package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian archive this machine's apt already uses, for debootstrap: read from apt's own
 * configuration at run time, so the project names no archive host of its own. {@code
 * PARKLOOP_DEBIAN_MIRROR} overrides it.
 */
final class DebianMirror {
  private static final Path APT = Path.of("/etc/apt");

  private DebianMirror() {}

  static String find() {
    String configured = System.getenv("PARKLOOP_DEBIAN_MIRROR");
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    List<String> sources = new ArrayList<>();
    Path dir = APT.resolve("sources.list.d");
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".sources")).sorted().toList()) {
            fromDeb822(Files.readString(file, StandardCharsets.UTF_8)).ifPresent(sources::add);
          }
        }
      }
      Path list = APT.resolve("sources.list");
      if (Files.isRegularFile(list)) {
        fromOneLineFormat(Files.readString(list, StandardCharsets.UTF_8)).ifPresent(sources::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read apt's sources in " + APT, e);
    }
    return sources.stream().findFirst().orElseThrow(() -> new IllegalStateException(
        "no Debian archive in " + APT + "/sources.list.d/*.sources or sources.list; set PARKLOOP_DEBIAN_MIRROR"));
  }

  /**
   * The first URI of a {@code deb} stanza of the main archive (a suite like {@code bookworm} or
   * {@code bookworm-updates}, not {@code bookworm-security}, which holds no full distribution).
   */
  static Optional<String> fromDeb822(String text) {
    for (String stanza : text.split("\\n\\s*\\n")) {
      String types = field(stanza, "Types");
      String uris = field(stanza, "URIs");
      String suites = field(stanza, "Suites");
      if (List.of(types.split("\\s+")).contains("deb") && !uris.isEmpty() && !suites.isEmpty() && !suites.contains("-security")
          && !stanza.matches("(?ims).*^Enabled:\\s*no\\s*$.*")) {
        return Optional.of(uris.split("\\s+")[0]);
      }
    }
    return Optional.empty();
  }

  /** The URI of the first {@code deb} line of a {@code sources.list} that is not a security suite. */
  static Optional<String> fromOneLineFormat(String text) {
    for (String line : text.split("\\n")) {
      String[] words = line.replaceAll("\\[[^]]*]", " ").strip().split("\\s+");
      if (words.length >= 3 && words[0].equals("deb") && !words[2].contains("-security")) {
        return Optional.of(words[1]);
      }
    }
    return Optional.empty();
  }

  private static String field(String stanza, String name) {
    for (String line : stanza.split("\\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "";
  }
}
