package io.quiver.internal.embed;

import io.quiver.InvalidArgumentException;
import io.quiver.QuiverException;
import io.quiver.embed.DenseEmbeddingFunction;
import io.quiver.embed.EmbeddingFunction;
import io.quiver.embed.EmbeddingProvider;
import io.quiver.embed.SparseEmbeddingFunction;
import io.quiver.schema.EmbeddingBinding;
import io.quiver.schema.VectorField;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the function a binding names: one the caller gave in the options (same name and
 * configuration), else a new one from the first {@link EmbeddingProvider} on the class or module
 * path that knows the name. A binding nobody can serve is an error naming the field, the function
 * and the module to add, so that a collection never opens unable to embed.
 */
final class FunctionResolver {
  /** The artifact with Quiver's own functions, named in errors. */
  static final String EMBED_MODULE = "io.quiver:quiver-embed";

  private FunctionResolver() {}

  /** A resolved function and whether the collection owns it (created it, so closes it). */
  record Resolved(EmbeddingFunction function, boolean owned) {}

  static Resolved resolve(VectorField field, List<EmbeddingFunction> supplied) {
    EmbeddingBinding b = field.embedding();
    for (EmbeddingFunction f : supplied) {
      if (f.name().equals(b.function()) && f.config().equals(b.config())) {
        check(field, f);
        return new Resolved(f, false);
      }
    }
    EmbeddingProvider provider = provider(field, b);
    EmbeddingFunction created;
    try {
      created = provider.create(b.function(), b.config());
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(
          "field '"
              + field.name()
              + "': the embedding function "
              + b.describeFunction()
              + " could not be created by "
              + provider.getClass().getName()
              + ": "
              + e,
          e);
    }
    if (created == null) {
      throw new InvalidArgumentException(
          provider.getClass().getName() + " returned no function for " + b.describeFunction());
    }
    try {
      check(field, created);
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
    return new Resolved(created, true);
  }

  private static EmbeddingProvider provider(VectorField field, EmbeddingBinding b) {
    try {
      Iterator<EmbeddingProvider> it = ServiceLoader.load(EmbeddingProvider.class).iterator();
      while (it.hasNext()) {
        EmbeddingProvider p = it.next();
        if (p.names().contains(b.function())) {
          return p;
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new InvalidArgumentException(
          "field '"
              + field.name()
              + "': looking for the provider of the embedding function "
              + b.describeFunction()
              + " failed: "
              + e.getMessage(),
          e);
    }
    throw new InvalidArgumentException(
        "field '"
            + field.name()
            + "' is embedded by the function "
            + b.describeFunction()
            + ", but no io.quiver.embed.EmbeddingProvider on the class path or module path"
            + " creates it. Add the module that provides it ("
            + EMBED_MODULE
            + " for Quiver's local models), or pass the function in"
            + " CollectionOptions.embeddingFunctions");
  }

  /** The function's kind and dimension must be the field's. */
  private static void check(VectorField field, EmbeddingFunction f) {
    switch (f) {
      case DenseEmbeddingFunction d -> {
        if (!field.type().isDenseVector()) {
          throw new InvalidArgumentException(
              "field '"
                  + field.name()
                  + "' is "
                  + field.type()
                  + " but the embedding function '"
                  + f.name()
                  + "' gives dense vectors");
        }
        if (d.dimension() != field.dimension()) {
          throw new InvalidArgumentException(
              "field '"
                  + field.name()
                  + "': dimension "
                  + field.dimension()
                  + " != "
                  + d.dimension()
                  + ", the dimension of the embedding function '"
                  + f.name()
                  + "'");
        }
      }
      case SparseEmbeddingFunction s -> {
        if (field.type().isDenseVector()) {
          throw new InvalidArgumentException(
              "field '"
                  + field.name()
                  + "' is "
                  + field.type()
                  + " but the embedding function '"
                  + f.name()
                  + "' gives sparse vectors");
        }
      }
    }
    if (f.batchSize() < 1) {
      throw new InvalidArgumentException(
          "embedding function '" + f.name() + "' has batch size " + f.batchSize() + "; needs >= 1");
    }
  }
}
