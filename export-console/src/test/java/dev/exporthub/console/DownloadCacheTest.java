package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The download cache")
class DownloadCacheTest {

  private static DownloadCache.Artifact artifact(String id, int size) {
    return new DownloadCache.Artifact(id, "json", id + ".json", "application/json", new byte[size], "ana", "tenant-1",
        dev.exporthub.api.ExportScope.tenant("tenant-1"));
  }

  @Test
  @DisplayName("hands out unguessable, distinct tokens of 22 URL-safe characters")
  void tokens() {
    DownloadCache cache = new DownloadCache(1000, 1_000_000);
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String token = cache.put(artifact("EXP-" + i, 1));
      assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
      tokens.add(token);
    }
    assertEquals(500, tokens.size());
  }

  @Test
  @DisplayName("keeps at most maxEntries artifacts, evicting the least recently used")
  void count() {
    DownloadCache cache = new DownloadCache(2, 1000);
    String a = cache.put(artifact("a", 10));
    String b = cache.put(artifact("b", 10));
    cache.get(a);
    String c = cache.put(artifact("c", 10));
    assertTrue(cache.get(a).isPresent(), "a was used recently");
    assertTrue(cache.get(b).isEmpty(), "b was the least recently used");
    assertTrue(cache.get(c).isPresent());
    assertEquals(2, cache.size());
    assertEquals(20, cache.bytes());
  }

  @Test
  @DisplayName("keeps at most maxBytes, evicting until the newest fits")
  void bytes() {
    DownloadCache cache = new DownloadCache(10, 100);
    String a = cache.put(artifact("a", 40));
    String b = cache.put(artifact("b", 40));
    String c = cache.put(artifact("c", 90));
    assertTrue(cache.get(a).isEmpty());
    assertTrue(cache.get(b).isEmpty());
    assertEquals("c", cache.get(c).orElseThrow().bundleId());
    assertEquals(90, cache.bytes());
    assertThrows(IllegalArgumentException.class, () -> cache.put(artifact("d", 101)));
    assertNotEquals(0, cache.size());
  }

  @Test
  @DisplayName("gives an artifact only to the user and tenant who generated it")
  void owner() {
    DownloadCache.Artifact artifact = artifact("a", 1);
    assertTrue(artifact.ownedBy("ana", "tenant-1"));
    assertTrue(!artifact.ownedBy("ana", "tenant-2"));
    assertTrue(!artifact.ownedBy("ben", "tenant-1"));
  }
}
