package io.parkloop.ingest;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates parkloop's topics when they are missing, on an embedded or an external cluster alike. */
public final class KafkaTopics {
  private KafkaTopics() {}

  public static void ensure(String bootstrapServers, Map<String, Integer> partitionsByTopic)
      throws ExecutionException, InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = partitionsByTopic.entrySet().stream()
          .filter(topic -> !existing.contains(topic.getKey()))
          .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) -1))
          .toList();
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e; // another instance creating the same topic at the same time is fine
        }
      }
    }
  }
}
