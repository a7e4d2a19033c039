package dev.exporthub.core.log;

import static dev.exporthub.core.log.ProofTestKeys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A consistency proof verifies with the public key alone, and fails when the old log was rewritten. */
class ConsistencyProofTest {

  private static final int ENTRIES = 17;
  private static final List<String> LOG = LogFixtures.storedLog(ENTRIES);
  private static final KeyPair KEY = ProofTestKeys.newKeyPair();
  private static final List<String> NOTES = notes(LOG, KEY);

  /** The note of every size 0..17 of a log. */
  private static List<String> notes(List<String> lines, KeyPair key) {
    List<String> notes = new ArrayList<>();
    for (int size = 0; size <= lines.size(); size++) {
      notes.add(note(lines, size, key));
    }
    return notes;
  }

  private static ConsistencyProof prove(String old, String checkpoint) {
    return ConsistencyProof.prove(LOG.size(), i -> LOG.get((int) i), old, checkpoint);
  }

  private static void fails(String fragment, Executable check) {
    InvalidProofException e = assertThrows(InvalidProofException.class, check);
    assertTrue(e.getMessage().contains(fragment), e::getMessage);
  }

  @Test
  @DisplayName("a proof between every pair of sizes 1 <= m <= n <= 17 verifies, and reads back from its JSON")
  void everyPairVerifies() {
    for (int n = 1; n <= ENTRIES; n++) {
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = prove(NOTES.get(m), NOTES.get(n));
        assertEquals(m == n, proof.consistencyProof().isEmpty(), m + "->" + n);
        ConsistencyProof.Verified verified = proof.verify(KEY.getPublic());
        assertEquals(m, verified.oldCheckpoint().treeSize());
        assertEquals(n, verified.checkpoint().treeSize());
        assertEquals(ProofTestKeys.ORIGIN, verified.checkpoint().origin());
        assertEquals(proof, ConsistencyProof.parse(proof.toJson()), m + "->" + n);
      }
    }
  }

  @Test
  @DisplayName("an old checkpoint over a log whose entry k differs fails, for every k < m <= n; prove refuses it")
  void rewrittenOldLogFails() {
    for (int k = 0; k < ENTRIES; k++) {
      List<String> rewritten = ProofTestKeys.rewritten(LOG, k);
      for (int n = k + 1; n <= ENTRIES; n++) {
        for (int m = k + 1; m <= n; m++) {
          String forgedOld = note(rewritten, m, KEY);
          String checkpoint = NOTES.get(n);
          ConsistencyProof genuine = prove(NOTES.get(m), checkpoint);
          fails("does not show the old checkpoint's " + m + " entries as the first of the checkpoint's " + n,
              () -> new ConsistencyProof(forgedOld, genuine.checkpoint(), genuine.consistencyProof())
                  .verify(KEY.getPublic()));
          fails("do not hash to the old checkpoint's root", () -> prove(forgedOld, checkpoint));
        }
      }
    }
  }

  @Test
  @DisplayName("a changed proof hash, another key, two logs' checkpoints or swapped checkpoints fail")
  void otherChangesFail() {
    ConsistencyProof proof = prove(NOTES.get(5), NOTES.get(13));
    for (int p = 0; p < proof.consistencyProof().size(); p++) {
      List<String> hashes = new ArrayList<>(proof.consistencyProof());
      byte[] hash = Base64.getDecoder().decode(hashes.get(p));
      hash[p] ^= 1;
      hashes.set(p, Base64.getEncoder().encodeToString(hash));
      fails("does not show", () -> new ConsistencyProof(proof.oldCheckpoint(), proof.checkpoint(), hashes)
          .verify(KEY.getPublic()));
    }
    fails("The old checkpoint does not verify with this public key",
        () -> proof.verify(ProofTestKeys.newKeyPair().getPublic()));
    String otherOrigin = note(LOG, 5, "exporthub.test/other", KEY);
    fails("two logs", () -> new ConsistencyProof(otherOrigin, proof.checkpoint(), proof.consistencyProof())
        .verify(KEY.getPublic()));
    fails("more than the checkpoint's 5", () -> new ConsistencyProof(proof.checkpoint(), proof.oldCheckpoint(),
        proof.consistencyProof()).verify(KEY.getPublic()));
    fails("does not show", () -> new ConsistencyProof(NOTES.get(8), NOTES.get(9), List.of())
        .verify(KEY.getPublic()));
    fails("does not show", () -> new ConsistencyProof(NOTES.get(9), note(ProofTestKeys.rewritten(LOG, 3), 9, KEY),
        List.of()).verify(KEY.getPublic()));
  }

  @Test
  @DisplayName("prove refuses two logs' checkpoints, swapped ones, a shorter log and a checkpoint of another log")
  void proveRefuses() {
    IllegalArgumentException origins = assertThrows(IllegalArgumentException.class,
        () -> prove(note(LOG, 5, "exporthub.test/other", KEY), NOTES.get(9)));
    assertTrue(origins.getMessage().contains("two checkpoints of one log"), origins::getMessage);
    IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
        () -> prove(NOTES.get(9), NOTES.get(5)));
    assertTrue(swapped.getMessage().contains("give the older of the two as the old one"), swapped::getMessage);
    fails("holds 10 entries, fewer than the checkpoint's 17",
        () -> ConsistencyProof.prove(10, i -> LOG.get((int) i), NOTES.get(5), NOTES.get(17)));
    fails("do not hash to the checkpoint's root",
        () -> prove(NOTES.get(5), note(ProofTestKeys.rewritten(LOG, 12), 14, KEY)));
    IllegalArgumentException notANote = assertThrows(IllegalArgumentException.class,
        () -> prove("not a note", NOTES.get(5)));
    assertTrue(notANote.getMessage().startsWith("The old checkpoint is not a signed checkpoint"), notANote::getMessage);
  }

  @Test
  @DisplayName("the JSON document: the three members in order, compact, ended by a newline; parse is strict")
  void json() {
    ConsistencyProof proof = prove(NOTES.get(3), NOTES.get(4));
    assertEquals("{\"oldCheckpoint\":\"" + NOTES.get(3).replace("\n", "\\n") + "\",\"checkpoint\":\""
        + NOTES.get(4).replace("\n", "\\n") + "\",\"consistencyProof\":[\""
        + String.join("\",\"", proof.consistencyProof()) + "\"]}\n", proof.toJson());
    String good = proof.toJson();
    List<List<String>> cases = List.of(
        List.of(good.replaceFirst("\"oldCheckpoint\":\".*?\",", ""), "the member 'oldCheckpoint' is missing"),
        List.of(good.replace("{", "{\"treeSize\":4,"), "it has a member 'treeSize'"),
        List.of(good.replaceFirst("\\[\"", "[\"A\",\""), "consistencyProof[0] must be the standard base64"),
        List.of(good.replaceFirst("\"checkpoint\":\".*?\",", "\"checkpoint\":7,"), "'checkpoint' must be a string"));
    for (List<String> c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ConsistencyProof.parse(c.get(0)), c.get(1));
      assertTrue(e.getMessage().startsWith("Not a consistency proof: "), e::getMessage);
      assertTrue(e.getMessage().contains(c.get(1)), () -> c.get(1) + " in: " + e.getMessage());
    }
  }
}
