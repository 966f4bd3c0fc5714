package io.jask.core.graph;

/**
 * A streaming 128-bit hash of a sequence of longs: two independently seeded lanes of a
 * multiply–xorshift mix, finalised with the SplitMix64 finaliser. Fast, well distributed and
 * deterministic across JVMs; not cryptographic (tokens name computations, they do not protect
 * anything).
 */
final class Hasher128 {
  private static final long M1 = 0x9E3779B97F4A7C15L;
  private static final long M2 = 0xC2B2AE3D27D4EB4FL;
  private static final long M3 = 0x165667B19E3779F9L;

  private long h1 = 0x243F6A8885A308D3L;
  private long h2 = 0x13198A2E03707344L;
  private long count;

  Hasher128 putLong(long v) {
    long k1 = Long.rotateLeft(v * M2, 31) * M1;
    h1 = Long.rotateLeft(h1 ^ k1, 27) * 5 + 0x52DCE729;
    long k2 = Long.rotateLeft(v * M3, 33) * M2;
    h2 = Long.rotateLeft(h2 ^ k2, 31) * 5 + 0x38495AB5;
    h1 += h2;
    h2 += h1;
    count++;
    return this;
  }

  Hasher128 putString(CharSequence s) {
    int n = s.length();
    putLong(n);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      putLong((long) s.charAt(i)
          | (long) s.charAt(i + 1) << 16
          | (long) s.charAt(i + 2) << 32
          | (long) s.charAt(i + 3) << 48);
    }
    long tail = 0;
    for (int shift = 0; i < n; i++, shift += 16) {
      tail |= (long) s.charAt(i) << shift;
    }
    return putLong(tail);
  }

  long high() {
    return fmix(h1 ^ count) + fmix(h2);
  }

  long low() {
    return fmix(h2 ^ (count * M1)) + fmix(h1 + M3);
  }

  static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The hash as 32 lowercase hex digits. */
  String hex() {
    return hex(high(), low());
  }

  static String hex(long high, long low) {
    char[] out = new char[32];
    writeHex(high, out, 0);
    writeHex(low, out, 16);
    return new String(out);
  }

  private static void writeHex(long v, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = Character.forDigit((int) (v & 0xF), 16);
      v >>>= 4;
    }
  }
}
