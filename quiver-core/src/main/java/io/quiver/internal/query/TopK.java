package io.quiver.internal.query;

/**
 * The {@code k} smallest distances seen, with a {@code long} reference each: a bounded max-heap on
 * primitive arrays, so scoring millions of rows allocates nothing. Ties are broken by the smaller
 * reference, so results are deterministic.
 */
public final class TopK {
  private final int k;
  private final float[] dist;
  private final long[] ref;
  private int size;

  /** An empty heap keeping the {@code k} best. */
  public TopK(int k) {
    this.k = k;
    this.dist = new float[k];
    this.ref = new long[k];
  }

  /** How many are kept at most. */
  public int capacity() {
    return k;
  }

  /** How many are held. */
  public int size() {
    return size;
  }

  /** Whether {@code k} are held. */
  public boolean full() {
    return size == k;
  }

  /** The worst distance held, or +infinity while not full. */
  public float threshold() {
    return size < k ? Float.POSITIVE_INFINITY : dist[0];
  }

  private static boolean worse(float d1, long r1, float d2, long r2) {
    return d1 > d2 || (d1 == d2 && r1 > r2);
  }

  /** Offers a candidate; returns whether it was kept. */
  public boolean offer(float d, long r) {
    if (size < k) {
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (!worse(d, r, dist[p], ref[p])) {
          break;
        }
        dist[i] = dist[p];
        ref[i] = ref[p];
        i = p;
      }
      dist[i] = d;
      ref[i] = r;
      return true;
    }
    if (!worse(dist[0], ref[0], d, r)) {
      return false;
    }
    siftDown(d, r);
    return true;
  }

  private void siftDown(float d, long r) {
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && worse(dist[c + 1], ref[c + 1], dist[c], ref[c])) {
        c++;
      }
      if (!worse(dist[c], ref[c], d, r)) {
        break;
      }
      dist[i] = dist[c];
      ref[i] = ref[c];
      i = c;
    }
    dist[i] = d;
    ref[i] = r;
  }

  /** Adds every entry of {@code other}. */
  public void addAll(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.dist[i], other.ref[i]);
    }
  }

  /** The held entries, best first: distances into {@code d}, references into {@code r}. */
  public int drainSorted(float[] d, long[] r) {
    int n = size;
    float[] dd = dist.clone();
    long[] rr = ref.clone();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) -> {
          int c = Float.compare(dd[a], dd[b]);
          return c != 0 ? c : Long.compare(rr[a], rr[b]);
        });
    for (int i = 0; i < n; i++) {
      d[i] = dd[order[i]];
      r[i] = rr[order[i]];
    }
    return n;
  }
}
