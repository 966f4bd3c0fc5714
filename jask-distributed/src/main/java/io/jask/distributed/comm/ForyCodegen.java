package io.jask.distributed.comm;

/**
 * Whether Jask's Fory codecs (wire messages and payloads) generate a serialiser class per class
 * they meet, set per JVM by the system property {@value #PROPERTY}; off unless it is {@code true}.
 *
 * <p>Off, Fory serialises through its reflective serialisers, which write the same bytes, so
 * processes of one cluster may differ in this setting. Generated serialisers are compiled in the
 * process (Janino) the first time each class is met: for a LocalCluster computing a climatology,
 * that raised peak memory by about 100 MB (Metaspace, code cache, and the heap the compiler
 * churns through) for about a fifth more messages per second. Jask favours the memory; a client
 * that submits tens of thousands of tiny tasks may turn it on.
 */
public final class ForyCodegen {
  /** The system property that turns code generation on. */
  public static final String PROPERTY = "jask.serializer.codegen";

  private ForyCodegen() {}

  /** Whether this JVM's codecs generate serialiser classes. */
  public static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }
}
