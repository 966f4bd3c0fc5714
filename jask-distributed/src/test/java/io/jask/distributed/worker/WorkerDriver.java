package io.jask.distributed.worker;

import io.jask.distributed.protocol.ErrorInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.jask.core.graph.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A fake shell for tests: feeds events to a {@link WorkerState} with validation on, keeps a data
 * store the way the real shell must (store before reporting, drop when told), and checks after
 * every event that the store holds exactly the keys in memory and that every Execute finds its
 * inputs in the store.
 */
final class WorkerDriver {
  static final String SELF = "tcp://10.0.0.1:7000";

  final WorkerState state;
  /** The shell's data store. */
  final Map<Key, Object> store = new LinkedHashMap<>();
  private int nextStimulus;

  WorkerDriver(WorkerConfig config) {
    this.state = new WorkerState(SELF, config.withValidate(true));
  }

  WorkerDriver(int nthreads) {
    this(WorkerConfig.of(nthreads));
  }

  static Key key(String name) {
    return Key.of(name);
  }

  String nextId() {
    return "s" + nextStimulus++;
  }

  /** Hands the event to the state machine, as the shell does, and carries out the instructions. */
  List<WorkerInstruction> feed(WorkerEvent event) {
    if (event instanceof WorkerEvent.ExecuteSuccess e) {
      store.put(e.key(), "value of " + e.key());
    } else if (event instanceof WorkerEvent.GatherDepSuccess e) {
      e.data().keySet().forEach(k -> store.put(k, "value of " + k));
    } else if (event instanceof WorkerEvent.UpdateData e) {
      e.data().keySet().forEach(k -> store.put(k, "scattered " + k));
    }
    List<WorkerInstruction> out = state.handle(event);
    for (WorkerInstruction instruction : out) {
      assertThat(instruction.stimulusId()).isEqualTo(event.stimulusId());
      if (instruction instanceof WorkerInstruction.DropData d) {
        assertThat(store).containsKey(d.key());
        store.remove(d.key());
      } else if (instruction instanceof WorkerInstruction.Execute x) {
        assertThat(store.keySet()).containsAll(x.dependencies());
      }
    }
    assertThat(store.keySet()).isEqualTo(state.memory().keySet());
    return out;
  }

  // ---- events ------------------------------------------------------------------------------

  List<WorkerInstruction> compute(String name, long priority, Map<Key, DependencyInfo> deps) {
    return feed(new WorkerEvent.ComputeTask(nextId(), key(name), "run " + name, Priority.of(priority), deps));
  }

  List<WorkerInstruction> compute(String name, long priority) {
    return compute(name, priority, Map.of());
  }

  List<WorkerInstruction> succeed(String name) {
    return feed(new WorkerEvent.ExecuteSuccess(nextId(), key(name), 100, "java.lang.String", 1.0, 3.5));
  }

  List<WorkerInstruction> fail(String name, String message) {
    ErrorInfo error = new ErrorInfo("java.lang.ArithmeticException", message, "at Lesson.inc(Lesson.java:3)");
    return feed(new WorkerEvent.ExecuteFailure(nextId(), key(name), error, 1.0, 2.0));
  }

  List<WorkerInstruction> gathered(String peer, String... names) {
    Map<Key, ValueInfo> data = new TreeMap<>();
    for (String name : names) {
      data.put(key(name), new ValueInfo(10, "double[]"));
    }
    return feed(new WorkerEvent.GatherDepSuccess(nextId(), peer, data));
  }

  List<WorkerInstruction> networkFailure(String peer, String... names) {
    return feed(new WorkerEvent.GatherDepNetworkFailure(nextId(), peer, keys(names)));
  }

  List<WorkerInstruction> put(String name, long nbytes) {
    return feed(new WorkerEvent.UpdateData(nextId(), Map.of(key(name), new ValueInfo(nbytes, "Integer"))));
  }

  List<WorkerInstruction> free(String... names) {
    return feed(new WorkerEvent.FreeKeys(nextId(), keys(names)));
  }

  static Set<Key> keys(String... names) {
    Set<Key> keys = new LinkedHashSet<>();
    Arrays.stream(names).forEach(n -> keys.add(key(n)));
    return keys;
  }

  static DependencyInfo on(long nbytes, String... peers) {
    return DependencyInfo.on(nbytes, peers);
  }

  // ---- looking at instructions -----------------------------------------------------------------

  static <T extends WorkerInstruction> List<T> only(List<WorkerInstruction> out, Class<T> type) {
    List<T> found = new ArrayList<>();
    for (WorkerInstruction instruction : out) {
      if (type.isInstance(instruction)) {
        found.add(type.cast(instruction));
      }
    }
    return found;
  }

  static List<Key> executed(List<WorkerInstruction> out) {
    return only(out, WorkerInstruction.Execute.class).stream().map(WorkerInstruction.Execute::key).toList();
  }

  WorkerTaskState stateOf(String name) {
    return state.stateOf(key(name)).orElse(WorkerTaskState.FORGOTTEN);
  }
}
