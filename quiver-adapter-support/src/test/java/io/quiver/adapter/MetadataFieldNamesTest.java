package io.quiver.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.schema.FieldSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataFieldNamesTest {
  private final MetadataFieldNames names = new MetadataFieldNames(Set.of("text", "embedding"));

  @Test
  void plainKeysAreTheirOwnFieldNames() {
    assertEquals("author", names.fieldName("author"));
    assertEquals("page_2", names.fieldName("page_2"));
    assertEquals("Year", names.fieldName("Year"));
    assertEquals("author", names.keyOf("author"));
  }

  @Test
  void otherKeysAreEscapedAsDocumented() {
    assertEquals("_mpage_2d_number", names.fieldName("page-number"));
    assertEquals("_m_5f_private", names.fieldName("_private"));
    assertEquals("_mid", names.fieldName("id"));
    assertEquals("_mgr_f6__df_e", names.fieldName("größe"));
    assertEquals("_mtext", names.fieldName("text"));
    assertEquals("_membedding", names.fieldName("embedding"));
    assertEquals("_m", names.fieldName(""));
    assertEquals("_m_1f600_", names.fieldName("\uD83D\uDE00"));
    assertEquals("_m1st", names.fieldName("1st"));
    assertEquals("_ma_20_b", names.fieldName("a b"));
  }

  @Test
  void ownFieldsAndNamesNeverProducedAreNotMetadata() {
    assertNull(names.keyOf("text"));
    assertNull(names.keyOf("embedding"));
    assertNull(names.keyOf("_x"));
    assertNull(names.keyOf("_m_41_"), "'A' is written as itself, never escaped");
    assertNull(names.keyOf("_m_2D_"), "hex is lower case");
    assertNull(names.keyOf("_m_zz_"));
    assertNull(names.keyOf("_m_2d"));
    assertNull(names.keyOf("_m__"));
    assertNull(names.keyOf("_m_110000_"), "beyond Unicode");
  }

  @Test
  void everyKeyRoundTripsAndNoTwoKeysShareAField() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    String[] atoms = {
      "a", "Z", "0", "9", "_", "-", ".", " ", "\u00e9", "\u00df", "\u4e2d", "\uD83D\uDE00", "%", "'"
    };
    Map<String, String> keyOfName = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(8);
      for (int j = 0; j < n; j++) {
        sb.append(atoms[rnd.nextInt(atoms.length)]);
      }
      String key = sb.toString();
      String name = names.fieldNameOrNull(key);
      if (name == null) {
        continue;
      }
      FieldSpec.checkName(name); // a valid Quiver field name
      assertEquals(key, names.keyOf(name), "seed " + seed + ", key '" + key + "'");
      String before = keyOfName.put(name, key);
      assertTrue(
          before == null || before.equals(key), "seed " + seed + ": " + before + " / " + key);
    }
  }

  @Test
  void tooLongKeysAndBadOwnNamesAreRefused() {
    String key = "x".repeat(40) + "-" + "y".repeat(20);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> names.fieldName(key));
    assertTrue(e.getMessage().contains("more than the limit 64"), e.getMessage());
    assertNull(names.fieldNameOrNull(key));
    assertEquals("x".repeat(64), names.fieldName("x".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> new MetadataFieldNames(Set.of("_text")));
    assertThrows(IllegalArgumentException.class, () -> new MetadataFieldNames(Set.of("id")));
    assertThrows(IllegalArgumentException.class, () -> new MetadataFieldNames(Set.of("a-b")));
  }
}
