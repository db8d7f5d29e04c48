package io.quiver.query.filter;

/** A comparison operator of a {@link Comparison} or an {@link ArrayLength} condition. */
public enum CompareOp {
  /** {@code =}, also written {@code ==}. */
  EQ("="),
  /** {@code !=}, also written {@code <>}. */
  NE("!="),
  /** {@code <}. */
  LT("<"),
  /** {@code <=}. */
  LE("<="),
  /** {@code >}. */
  GT(">"),
  /** {@code >=}. */
  GE(">=");

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  /** The canonical symbol, as printed by {@link Filter#toString()}. */
  public String symbol() {
    return symbol;
  }

  /**
   * The operator that holds exactly when this one does not, for two non-null values of a totally
   * ordered type: {@code =} and {@code !=}, {@code <} and {@code >=}, {@code <=} and {@code >}.
   */
  public CompareOp negate() {
    return switch (this) {
      case EQ -> NE;
      case NE -> EQ;
      case LT -> GE;
      case LE -> GT;
      case GT -> LE;
      case GE -> LT;
    };
  }

  /** True for {@code < <= > >=}, which need an ordered type (not BOOL). */
  public boolean isOrdering() {
    return this != EQ && this != NE;
  }
}
