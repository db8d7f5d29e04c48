package io.quiver.internal.index.quant;

/**
 * Distance between two indexed vectors, by node number, lower is better: what graph construction
 * needs to choose diverse neighbours. Thread-safe.
 */
public interface PairDistance {

  /** Distance between nodes {@code a} and {@code b}. */
  float between(int a, int b);
}
