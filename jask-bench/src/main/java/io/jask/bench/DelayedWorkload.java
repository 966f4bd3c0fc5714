package io.jask.bench;

import io.jask.core.Delayed;

/**
 * The workloads of {@code jask bench delayed}, each with its reported name, its full size, and
 * the {@code kind} the Dask script knows it by.
 */
enum DelayedWorkload {
  /** 100,000 independent {@code inc} tasks summed by a tree of {@code add}s: 199,999 tasks. */
  TREE("delayed_tree_100k", "tree", 100_000) {
    @Override
    int tasks(int size) {
      return Workloads.incTreeTasks(size);
    }

    @Override
    Delayed<Long> build(int size) {
      return Workloads.incTree(size);
    }

    @Override
    long expected(int size) {
      return Workloads.incTreeExpected(size);
    }
  },

  /** 10,000 dependent {@code inc} tasks. */
  CHAIN("delayed_chain_10k", "chain", 10_000) {
    @Override
    int tasks(int size) {
      return size;
    }

    @Override
    Delayed<Long> build(int size) {
      return Workloads.incChain(size);
    }

    @Override
    long expected(int size) {
      return Workloads.incChainExpected(size);
    }
  };

  private final String reportName;
  private final String kind;
  private final int fullSize;

  DelayedWorkload(String reportName, String kind, int fullSize) {
    this.reportName = reportName;
    this.kind = kind;
    this.fullSize = fullSize;
  }

  /** The name in RESULT lines; it stays the same when the size is scaled. */
  String reportName() {
    return reportName;
  }

  /** The Dask script's name for this workload. */
  String kind() {
    return kind;
  }

  /** The size (leaves or chain length) at {@code scale} times the full size; at least 1. */
  int size(double scale) {
    return (int) Math.max(1, Math.round(fullSize * scale));
  }

  /** The number of tasks at {@code size}. */
  abstract int tasks(int size);

  /** The graph of delayed values at {@code size}. */
  abstract Delayed<Long> build(int size);

  /** The result the graph must compute, by a plain loop. */
  abstract long expected(int size);

  /** The workload the Dask script calls {@code kind}. */
  static DelayedWorkload ofKind(String kind) {
    for (DelayedWorkload w : values()) {
      if (w.kind.equals(kind)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload kind '" + kind + "'");
  }
}
