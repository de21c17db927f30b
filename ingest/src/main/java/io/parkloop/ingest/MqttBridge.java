package io.parkloop.ingest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards MQTT messages to Kafka. A message is acknowledged to the broker only after Kafka has
 * acknowledged every record made from it, so a crash of the bridge loses nothing: the broker
 * redelivers what was not acknowledged (a duplicate downstream counts once, SPEC). Several
 * bridges split the load through an MQTT 5 shared subscription. The bridge owns its producer
 * and closes it.
 */
public final class MqttBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
  /**
   * How long the bridge may hear nothing before it subscribes again. HiveMQ CE can leave a shared
   * subscription's queue unpolled under load (hivemq-community-edition#558: the subscriber is
   * connected, the queue fills, nothing is sent); a SUBSCRIBE makes it poll the queue for this
   * client again. Subscribing again to what the session has is harmless for every broker, and a
   * busy bridge never does it.
   */
  static final long IDLE_RESUBSCRIBE_MILLIS = 5_000;

  private final MqttBridgeConfig config;
  private final MqttMessageIngest ingest;
  private final Producer<byte[], byte[]> producer;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final RetryingKafkaSender sender;
  private final AtomicLong messagesArrived = new AtomicLong();
  private final ScheduledExecutorService idleWatch = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "bridge-idle-resubscribe");
    thread.setDaemon(true);
    return thread;
  });
  private MqttAsyncClient client;

  public MqttBridge(MqttBridgeConfig config, MqttMessageIngest ingest, Producer<byte[], byte[]> producer,
      IngestMetrics metrics, Clock clock) {
    this.config = config;
    this.ingest = ingest;
    this.producer = producer;
    this.metrics = metrics;
    this.clock = clock;
    this.sender = new RetryingKafkaSender(producer, metrics, "bridge-kafka-sender");
  }

  public void start() throws MqttException {
    client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    client.setManualAcks(true);
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    // A persistent session: QoS 1 messages published while the bridge is away wait for it.
    options.setCleanStart(false);
    options.setSessionExpiryInterval(config.sessionExpirySeconds());
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setReceiveMaximum(config.receiveMaximum());
    options.setKeepAliveInterval(30);
    if (config.username() != null) {
      options.setUserName(config.username());
      options.setPassword(config.password() == null ? null : config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (config.tls() != null) {
      options.setSocketFactory(config.tls().socketFactory());
    }
    client.connect(options).waitForCompletion(config.connectTimeoutMillis());
    subscribe().waitForCompletion(config.connectTimeoutMillis());
    watchForIdleness();
    LOG.info("bridge {} forwarding {} (shared group {}) to Kafka", config.clientId(), config.brokerUrl(), config.sharedGroup());
  }

  private IMqttToken subscribe() throws MqttException {
    return client.subscribe(new MqttSubscription[] {
        new MqttSubscription(subscription(ReadingTopic.READINGS_FILTER), 1),
        new MqttSubscription(subscription(ReadingTopic.HJ212_FILTER), 1),
        new MqttSubscription(subscription(WasteTopic.FILTER), 1)}, null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            metrics.bridgeSubscribed(true);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable error) {
            LOG.error("bridge could not subscribe to {}: {}; trying again at the next reconnect", config.brokerUrl(),
                error.getMessage());
          }
        }, new MqttProperties());
  }

  /**
   * After a reconnect the session's subscriptions may be gone although the session is not:
   * Mosquitto 2.0.11 restores a persistent session's queued messages after a restart but not its
   * shared subscriptions, so without subscribing again the bridge would hear nothing more.
   * Subscribing again to what the session has is harmless.
   */
  private void resubscribe() {
    try {
      subscribe();
    } catch (MqttException e) {
      LOG.error("bridge could not subscribe again to {}: {}", config.brokerUrl(), e.getMessage());
    }
  }

  /** Subscribes again after each {@link #IDLE_RESUBSCRIBE_MILLIS} in which no message arrived. */
  private void watchForIdleness() {
    AtomicLong seen = new AtomicLong(-1);
    idleWatch.scheduleWithFixedDelay(() -> {
      long arrived = messagesArrived.get();
      if (seen.getAndSet(arrived) == arrived && client.isConnected()) {
        metrics.idleResubscribe();
        resubscribe();
      }
    }, IDLE_RESUBSCRIBE_MILLIS, IDLE_RESUBSCRIBE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The shared subscription of this bridge's group: the broker splits the messages among its members. */
  private String subscription(String filter) {
    return "$share/" + config.sharedGroup() + "/" + filter;
  }

  private void forward(String topic, MqttMessage message) {
    List<ProducerRecord<byte[], byte[]>> records = ingest.toRecords(topic, message.getPayload(), clock.instant());
    if (records.isEmpty()) {
      acknowledge(message); // a heartbeat or status packet: nothing to keep
      return;
    }
    AtomicInteger pending = new AtomicInteger(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      sender.send(record, () -> {
        if (pending.decrementAndGet() == 0) {
          acknowledge(message);
        }
      });
    }
  }

  private void acknowledge(MqttMessage message) {
    try {
      client.messageArrivedComplete(message.getId(), message.getQos());
    } catch (MqttException e) {
      // The broker will redeliver it after reconnecting; downstream counts a duplicate once.
      LOG.warn("could not acknowledge message {} to the broker: {}", message.getId(), e.getMessage());
    }
  }

  @Override
  public void close() {
    // let Kafka acknowledge what was taken (which acknowledges it to the broker) before leaving,
    // so a clean stop leaves little to redeliver. No unsubscribe: the persistent session's
    // subscription keeps queueing what is published while the bridge is away.
    idleWatch.shutdownNow();
    sender.close();
    try {
      if (client != null && client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      if (client != null) {
        client.close();
      }
    } catch (MqttException e) {
      LOG.warn("closing the MQTT client: {}", e.getMessage());
    }
    producer.close(java.time.Duration.ofSeconds(10));
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      messagesArrived.incrementAndGet();
      forward(topic, message);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        LOG.info("bridge reconnected to {}; subscribing again", serverUri);
        resubscribe();
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      metrics.bridgeSubscribed(false);
      LOG.warn("bridge lost the MQTT broker: {}; reconnecting", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.error("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
