package io.parkloop.jobs.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * What a rule has published for one key and may still change, by alert id (keyed state). Each
 * rule recomputes its alerts from what it knows and hands them here: only what changed goes out,
 * and an alert published earlier that the recomputation no longer finds is withdrawn. Alerts that
 * can no longer change (everything they depend on is older than the maximum age) are
 * forgotten, which keeps the state small.
 */
final class AlertLedger {
  private final MapState<String, AlertUpdate> published;

  AlertLedger(RuntimeContext context) {
    published = context.getMapState(new MapStateDescriptor<>("published-alerts", String.class, AlertUpdate.class));
  }

  /** {@code current} is everything the key's rule finds now. */
  void publishAll(Collection<AlertUpdate> current, Collector<AlertUpdate> out) throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : published.keys()) {
      ids.add(id);
    }
    current.forEach(alert -> ids.add(alert.id));
    publish(ids, current, out);
  }

  /** {@code current} is everything the rule finds now among the alerts with these {@code ids}. */
  void publish(Collection<String> ids, Collection<AlertUpdate> current, Collector<AlertUpdate> out) throws Exception {
    Map<String, AlertUpdate> found = new HashMap<>();
    current.forEach(alert -> found.put(alert.id, alert));
    for (String id : ids) {
      AlertUpdate before = published.get(id);
      AlertUpdate now = found.get(id);
      if (now == null && before != null) {
        published.remove(id);
        out.collect(before.withdrawal());
      } else if (now != null && !now.equals(before)) {
        published.put(id, now);
        out.collect(now);
      }
    }
  }

  void forget(String id) throws Exception {
    published.remove(id);
  }

  void forgetIf(Predicate<AlertUpdate> settled) throws Exception {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, AlertUpdate> entry : published.entries()) {
      if (settled.test(entry.getValue())) {
        ids.add(entry.getKey());
      }
    }
    for (String id : ids) {
      published.remove(id);
    }
  }

  boolean isEmpty() throws Exception {
    return published.isEmpty();
  }

  void clear() {
    published.clear();
  }
}
