package io.quiver.embed.onnx;

import io.quiver.InvalidArgumentException;
import io.quiver.embed.EmbeddingFunction;
import io.quiver.embed.EmbeddingProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recreates this module's functions from what a collection's schema stores, so that a reopened
 * collection embeds the way it did: {@value OnnxEmbeddings#MINILM} ({@code variant=fp32|quantized})
 * and {@value OnnxEmbeddings#ONNX} (model files, their SHA-256 fingerprints and settings). Found by
 * {@link java.util.ServiceLoader}; applications do not call it.
 */
public final class OnnxEmbeddingProvider implements EmbeddingProvider {
  private static final Set<String> ONNX_KEYS =
      Set.of(
          "model",
          "modelSha256",
          "tokenizer",
          "tokenizerSha256",
          "pooling",
          "normalize",
          "maxLength",
          "output",
          "dimension");

  /** Needed by {@link java.util.ServiceLoader}. */
  public OnnxEmbeddingProvider() {}

  @Override
  public Set<String> names() {
    return Set.of(OnnxEmbeddings.MINILM, OnnxEmbeddings.ONNX);
  }

  @Override
  public EmbeddingFunction create(String name, Map<String, String> config) {
    return switch (name) {
      case OnnxEmbeddings.MINILM -> miniLm(config);
      case OnnxEmbeddings.ONNX -> onnx(config);
      default -> throw new InvalidArgumentException("no embedding function named '" + name + "'");
    };
  }

  private static EmbeddingFunction miniLm(Map<String, String> config) {
    String variant = config.getOrDefault("variant", "fp32");
    if (!config.keySet().equals(Set.of("variant")) && !config.isEmpty()
        || !(variant.equals("fp32") || variant.equals("quantized"))) {
      throw new InvalidArgumentException(
          "embedding function '"
              + OnnxEmbeddings.MINILM
              + "' takes only variant=fp32 or variant=quantized, got "
              + config);
    }
    return OnnxEmbeddings.allMiniLmL6V2(variant.equals("quantized"));
  }

  private static EmbeddingFunction onnx(Map<String, String> config) {
    for (String key : config.keySet()) {
      if (!ONNX_KEYS.contains(key)) {
        throw new InvalidArgumentException(
            "embedding function 'onnx' does not know the setting '" + key + "' (" + config + ")");
      }
    }
    String model = required(config, "model");
    String tokenizer = required(config, "tokenizer");
    try {
      OnnxEmbeddingFunction.Builder b =
          OnnxEmbeddingFunction.builder(Path.of(model), Path.of(tokenizer))
              .expectFingerprints(
                  required(config, "modelSha256"), required(config, "tokenizerSha256"))
              .pooling(
                  Pooling.valueOf(config.getOrDefault("pooling", "mean").toUpperCase(Locale.ROOT)))
              .normalize(Boolean.parseBoolean(config.getOrDefault("normalize", "true")))
              .maxLength(Integer.parseInt(config.getOrDefault("maxLength", "512")))
              .dimension(Integer.parseInt(config.getOrDefault("dimension", "-1")));
      if (config.containsKey("output")) {
        b.output(config.get("output"));
      }
      return b.build();
    } catch (IllegalArgumentException e) { // a malformed number or pooling name
      throw new InvalidArgumentException(
          "embedding function 'onnx' has a malformed setting in " + config + ": " + e.getMessage());
    }
  }

  private static String required(Map<String, String> config, String key) {
    String v = config.get(key);
    if (v == null) {
      throw new InvalidArgumentException(
          "embedding function 'onnx' needs the setting '" + key + "' (" + config + ")");
    }
    return v;
  }
}
