package io.quiver;

import io.quiver.embed.EmbeddingFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * How a collection is opened. Immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * @param readOnly open without the writer lock; writes fail with {@link ReadOnlyException}, and
 *     {@link Collection#refresh()} moves to the newest committed version
 * @param durability when write calls return relative to the fsync of the log
 * @param flushThresholdMb the in-memory segment is flushed to an immutable segment when it holds
 *     about this many megabytes (default 64)
 * @param queryThreads most threads one collection uses to search segments in parallel (default: the
 *     number of processors)
 * @param optimizeThreads most threads one collection uses for flushes, index builds and merges
 *     (default: half the processors, at least 1)
 * @param enableMmap map segment files into memory (default); when false they are read into off-heap
 *     memory at open
 * @param verifyChecksums verify every segment file's checksum when it is opened (default), so a
 *     damaged file is reported before it can answer a query; turning it off makes opening large
 *     collections faster
 * @param embeddingFunctions functions to use for the fields bound to them (matched by name and
 *     configuration) instead of creating them through an {@link io.quiver.embed.EmbeddingProvider};
 *     they stay the caller's, who closes them after the collection. Needed only for functions that
 *     no provider on the class path creates
 */
public record CollectionOptions(
    boolean readOnly,
    Durability durability,
    int flushThresholdMb,
    int queryThreads,
    int optimizeThreads,
    boolean enableMmap,
    boolean verifyChecksums,
    List<EmbeddingFunction> embeddingFunctions) {

  /** Checks the ranges. */
  public CollectionOptions {
    if (durability == null) {
      throw new InvalidArgumentException("durability must not be null");
    }
    if (flushThresholdMb < 1 || flushThresholdMb > 65_536) {
      throw new InvalidArgumentException(
          "flushThresholdMb " + flushThresholdMb + " is outside 1..65536");
    }
    if (queryThreads < 1 || queryThreads > 1024) {
      throw new InvalidArgumentException("queryThreads " + queryThreads + " is outside 1..1024");
    }
    if (optimizeThreads < 1 || optimizeThreads > 1024) {
      throw new InvalidArgumentException(
          "optimizeThreads " + optimizeThreads + " is outside 1..1024");
    }
    if (embeddingFunctions == null || embeddingFunctions.contains(null)) {
      throw new InvalidArgumentException("embeddingFunctions must be a list without nulls");
    }
    embeddingFunctions = List.copyOf(embeddingFunctions);
  }

  /** The defaults: read-write, {@link Durability#SYNC}, 64 MB flushes, mmap, checksums on. */
  public static CollectionOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.readOnly = readOnly;
    b.durability = durability;
    b.flushThresholdMb = flushThresholdMb;
    b.queryThreads = queryThreads;
    b.optimizeThreads = optimizeThreads;
    b.enableMmap = enableMmap;
    b.verifyChecksums = verifyChecksums;
    b.embeddingFunctions.addAll(embeddingFunctions);
    return b;
  }

  /** Builds {@link CollectionOptions}. */
  public static final class Builder {
    private boolean readOnly;
    private Durability durability = Durability.SYNC;
    private int flushThresholdMb = 64;
    private int queryThreads = Runtime.getRuntime().availableProcessors();
    private int optimizeThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private boolean enableMmap = true;
    private boolean verifyChecksums = true;
    private final List<EmbeddingFunction> embeddingFunctions = new ArrayList<>();

    private Builder() {}

    /** See {@link CollectionOptions#readOnly()}. */
    public Builder readOnly(boolean value) {
      this.readOnly = value;
      return this;
    }

    /** See {@link CollectionOptions#durability()}. */
    public Builder durability(Durability value) {
      this.durability = value;
      return this;
    }

    /** See {@link CollectionOptions#flushThresholdMb()}. */
    public Builder flushThresholdMb(int value) {
      this.flushThresholdMb = value;
      return this;
    }

    /** See {@link CollectionOptions#queryThreads()}. */
    public Builder queryThreads(int value) {
      this.queryThreads = value;
      return this;
    }

    /** See {@link CollectionOptions#optimizeThreads()}. */
    public Builder optimizeThreads(int value) {
      this.optimizeThreads = value;
      return this;
    }

    /** See {@link CollectionOptions#enableMmap()}. */
    public Builder enableMmap(boolean value) {
      this.enableMmap = value;
      return this;
    }

    /** See {@link CollectionOptions#verifyChecksums()}. */
    public Builder verifyChecksums(boolean value) {
      this.verifyChecksums = value;
      return this;
    }

    /** See {@link CollectionOptions#embeddingFunctions()}; adds to those given before. */
    public Builder embeddingFunctions(EmbeddingFunction... functions) {
      this.embeddingFunctions.addAll(List.of(functions));
      return this;
    }

    /** The options; fails when a value is out of range. */
    public CollectionOptions build() {
      return new CollectionOptions(
          readOnly,
          durability,
          flushThresholdMb,
          queryThreads,
          optimizeThreads,
          enableMmap,
          verifyChecksums,
          embeddingFunctions);
    }
  }
}
