package io.quiver.internal.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The little-endian, unaligned value layouts every Quiver file uses. */
public final class Layouts {
  /** 8-bit. */
  public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

  /** 16-bit little-endian. */
  public static final ValueLayout.OfShort SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** 32-bit little-endian. */
  public static final ValueLayout.OfInt INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** 64-bit little-endian. */
  public static final ValueLayout.OfLong LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** 32-bit float little-endian. */
  public static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** 64-bit float little-endian. */
  public static final ValueLayout.OfDouble DOUBLE =
      ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private Layouts() {}

  /**
   * Compares two byte strings as unsigned bytes, a shorter prefix first: the order of UTF-8 strings
   * by code point, which the sorted ids of a segment and the keys of a scalar index both use.
   */
  public static int compareUnsigned(MemorySegment a, MemorySegment b) {
    long m = a.mismatch(b);
    if (m < 0) {
      return 0;
    }
    if (m == a.byteSize()) {
      return -1;
    }
    if (m == b.byteSize()) {
      return 1;
    }
    return Integer.compare(Byte.toUnsignedInt(a.get(BYTE, m)), Byte.toUnsignedInt(b.get(BYTE, m)));
  }
}
