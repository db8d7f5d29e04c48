package io.quiver.springai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A deterministic test model: the words of a text, lower-cased, hashed into 64 buckets, plus a
 * constant component so that no text embeds to the zero vector. Texts sharing words are similar,
 * which is all the tests need, with no model file and no network.
 */
final class HashingEmbeddingModel implements EmbeddingModel {
  static final int DIMENSION = 64;

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    List<Embedding> out = new ArrayList<>();
    for (String text : request.getInstructions()) {
      out.add(new Embedding(embed(text), out.size()));
    }
    return new EmbeddingResponse(out);
  }

  @Override
  public float[] embed(Document document) {
    return embed(document.getText());
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[DIMENSION];
    v[0] = 0.5f;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        int h = 0;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
          h = h * 31 + b;
        }
        v[1 + Math.floorMod(h, DIMENSION - 1)] += 1;
      }
    }
    return v;
  }

  @Override
  public int dimensions() {
    return DIMENSION;
  }
}
