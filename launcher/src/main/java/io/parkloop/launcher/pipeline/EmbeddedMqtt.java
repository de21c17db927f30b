package io.parkloop.launcher.pipeline;

import io.parkloop.embedded.EmbeddedMqttBroker;
import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.MqttBroker;
import io.parkloop.embedded.MqttSecurity;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Which broker the stack embeds when no {@code --mqtt-url} is given. Mosquitto, when Debian's
 * package is installed, because it costs a fraction of HiveMQ CE's CPU per message (issue #15,
 * docs/benchmarks.md: about 3× the messages per second on the same cores) and, as a process of its
 * own, keeps what it acknowledged when the pipeline's JVM dies; HiveMQ CE, in the JVM, otherwise.
 * Each keeps its data in a directory of its own, so a queue one broker holds is not seen by the other.
 */
public enum EmbeddedMqtt {
  /** Mosquitto when installed, else HiveMQ CE (with a warning naming the package). */
  AUTO,
  MOSQUITTO,
  HIVEMQ;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqtt.class);

  /** The broker this choice means on this machine. */
  public EmbeddedMqtt resolved() {
    if (this != AUTO) {
      return this;
    }
    if (MosquittoBroker.isInstalled()) {
      return MOSQUITTO;
    }
    LOG.warn("Debian's mosquitto package is not installed (apt-get install mosquitto): embedding HiveMQ CE instead,"
        + " which takes several times the CPU per message");
    return HIVEMQ;
  }

  /** Reads auto, mosquitto or hivemq, in any case. */
  public static final class Converter implements CommandLine.ITypeConverter<EmbeddedMqtt> {
    @Override
    public EmbeddedMqtt convert(String value) {
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of auto, mosquitto, hivemq");
      }
    }
  }

  /** A started broker, its name, and its process when it has one of its own. */
  public record Started(MqttBroker broker, String name, OptionalLong pid) {}

  Started start(Path dataDir, int port, MqttSecurity security) {
    return switch (resolved()) {
      case MOSQUITTO -> {
        MosquittoBroker broker = MosquittoBroker.start(dataDir.resolve("mosquitto"), port, security);
        yield new Started(broker, "Mosquitto", OptionalLong.of(broker.pid()));
      }
      case HIVEMQ, AUTO -> new Started(EmbeddedMqttBroker.start(dataDir.resolve("mqtt"), port, security),
          "HiveMQ CE", OptionalLong.empty());
    };
  }
}
