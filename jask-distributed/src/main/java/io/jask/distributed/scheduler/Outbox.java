package io.jask.distributed.scheduler;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages one {@link SchedulerState#handle} call produces, in order. Consecutive frees for the
 * same worker are merged into one {@link SchedulerMessage.FreeKeys}, as long as no other message to
 * that worker comes between them, so the order each worker sees is unchanged.
 */
final class Outbox {
  /** Messages and still-open free-keys batches, in the order they were produced. */
  private final List<Object> items = new ArrayList<>();

  /** For each worker, the free-keys batch that may still grow. */
  private final Map<String, FreeBatch> open = new HashMap<>();

  private static final class FreeBatch {
    final String worker;
    final String stimulusId;
    final Set<Key> keys = new LinkedHashSet<>();

    FreeBatch(String worker, String stimulusId) {
      this.worker = worker;
      this.stimulusId = stimulusId;
    }
  }

  void send(SchedulerMessage message) {
    if (message instanceof SchedulerMessage.ToWorker w) {
      open.remove(w.worker());
    }
    items.add(message);
  }

  void freeKey(String worker, Key key, String stimulusId) {
    FreeBatch batch = open.get(worker);
    if (batch == null) {
      batch = new FreeBatch(worker, stimulusId);
      open.put(worker, batch);
      items.add(batch);
    }
    batch.keys.add(key);
  }

  /** The messages so far, in order; empties the outbox. */
  List<SchedulerMessage> drain() {
    List<SchedulerMessage> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof FreeBatch b) {
        out.add(new SchedulerMessage.FreeKeys(b.worker, List.copyOf(b.keys), b.stimulusId));
      } else {
        out.add((SchedulerMessage) item);
      }
    }
    items.clear();
    open.clear();
    return out;
  }
}
