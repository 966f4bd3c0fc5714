package io.jask.distributed.worker;

/**
 * Decides when a worker pauses and resumes for memory (Dask's memory monitor): it pauses when the
 * memory in use rises above the pause threshold, and resumes once it has fallen below it again.
 * Pure: the shell measures, and carries out what {@link #observe} says.
 */
final class PauseGate {
  /** What to do after a measurement. */
  enum Decision {
    /** Nothing changes. */
    NONE,
    /** Stop starting new tasks. */
    PAUSE,
    /** Start tasks again. */
    RESUME
  }

  private final long pauseBytes;
  private boolean paused;

  /** A gate pausing above {@code pauseBytes}; {@code Long.MAX_VALUE} never pauses. */
  PauseGate(long pauseBytes) {
    this.pauseBytes = pauseBytes;
  }

  /** Whether the worker is paused now. */
  boolean paused() {
    return paused;
  }

  /** Whether {@code bytes} in use is above the threshold. */
  boolean above(long bytes) {
    return bytes > pauseBytes;
  }

  /** Takes a measurement of the memory in use and says whether to pause or resume. */
  Decision observe(long bytesInUse) {
    if (!paused && bytesInUse > pauseBytes) {
      paused = true;
      return Decision.PAUSE;
    }
    if (paused && bytesInUse <= pauseBytes) {
      paused = false;
      return Decision.RESUME;
    }
    return Decision.NONE;
  }
}
