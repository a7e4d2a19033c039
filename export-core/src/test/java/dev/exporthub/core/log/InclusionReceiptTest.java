package dev.exporthub.core.log;

import static dev.exporthub.core.log.ProofTestKeys.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** An inclusion receipt verifies with the public key alone, and fails when any part of it changes. */
class InclusionReceiptTest {

  private static final int ENTRIES = 17;
  private static final List<String> LOG = LogFixtures.storedLog(ENTRIES);
  private static final KeyPair KEY = ProofTestKeys.newKeyPair();
  private static final KeyPair OTHER_KEY = ProofTestKeys.newKeyPair();

  /** The log's lines, read only forward, as from one pass over a stream. */
  private static LongFunction<String> forward(List<String> lines) {
    long[] last = {-1};
    return i -> {
      if (i <= last[0]) {
        throw new AssertionError("line " + i + " asked for after line " + last[0]);
      }
      last[0] = i;
      return lines.get((int) i);
    };
  }

  private static InclusionReceipt prove(int index, String checkpoint) {
    return InclusionReceipt.prove(LOG.size(), forward(LOG), index, checkpoint);
  }

  private static void fails(String fragment, Executable check) {
    InvalidProofException e = assertThrows(InvalidProofException.class, check);
    assertTrue(e.getMessage().contains(fragment), e::getMessage);
  }

  @Test
  @DisplayName("a receipt of every entry, against a checkpoint of every size 1..17, verifies and reads back from JSON")
  void everyEntryVerifies() {
    for (int size = 1; size <= ENTRIES; size++) {
      String checkpoint = note(LOG, size, KEY);
      for (int index = 0; index < size; index++) {
        InclusionReceipt receipt = prove(index, checkpoint);
        assertEquals(LOG.get(index), receipt.entry());
        assertEquals(index, receipt.leafIndex());
        assertEquals(size, receipt.treeSize());
        assertEquals(checkpoint, receipt.checkpoint());
        SignedCheckpoint verified = receipt.verify(KEY.getPublic());
        assertEquals(ProofTestKeys.ORIGIN, verified.origin());
        assertEquals(size, verified.treeSize());
        assertEquals(receipt, InclusionReceipt.parse(receipt.toJson()), size + "/" + index);
      }
    }
  }

  @Test
  @DisplayName("a changed entry, leaf index, tree size or proof hash fails, for every entry of every size")
  void changedReceiptFails() {
    for (int size = 1; size <= ENTRIES; size++) {
      String checkpoint = note(LOG, size, KEY);
      for (int index = 0; index < size; index++) {
        InclusionReceipt r = prove(index, checkpoint);
        String changedEntry = ProofTestKeys.rewritten(LOG, index).get(index);
        fails("does not lead", () -> new InclusionReceipt(changedEntry, r.leafIndex(), r.treeSize(),
            r.inclusionProof(), r.checkpoint()).verify(KEY.getPublic()));
        if (size > 1) {
          long otherIndex = (index + 1) % size;
          fails("does not lead", () -> new InclusionReceipt(r.entry(), otherIndex, r.treeSize(), r.inclusionProof(),
              r.checkpoint()).verify(KEY.getPublic()));
        }
        fails("is not its checkpoint's tree size", () -> new InclusionReceipt(r.entry(), r.leafIndex(),
            r.treeSize() + 1, r.inclusionProof(), r.checkpoint()).verify(KEY.getPublic()));
        for (int p = 0; p < r.inclusionProof().size(); p++) {
          List<String> proof = new ArrayList<>(r.inclusionProof());
          byte[] hash = Base64.getDecoder().decode(proof.get(p));
          hash[index % 32] ^= 1;
          proof.set(p, Base64.getEncoder().encodeToString(hash));
          fails("does not lead", () -> new InclusionReceipt(r.entry(), r.leafIndex(), r.treeSize(), proof,
              r.checkpoint()).verify(KEY.getPublic()));
        }
      }
    }
  }

  @Test
  @DisplayName("a changed root, a note re-signed by another key, a changed signature or another key fail")
  void changedCheckpointFails() {
    for (int size = 1; size <= ENTRIES; size++) {
      String checkpoint = note(LOG, size, KEY);
      InclusionReceipt r = prove(size - 1, checkpoint);
      String otherRoot = Base64.getEncoder().encodeToString(
          MerkleTree.ofLines(ProofTestKeys.rewritten(LOG, 0).subList(0, size)).root());
      String body = checkpoint.substring(0, checkpoint.indexOf("\n\n") + 1);
      String rootLine = body.split("\n")[2];

      String alteredRoot = checkpoint.replace("\n" + rootLine + "\n", "\n" + otherRoot + "\n");
      fails("signature by '" + ProofTestKeys.ORIGIN + "' does not verify",
          () -> withCheckpoint(r, alteredRoot).verify(KEY.getPublic()));

      String reSigned = note(ProofTestKeys.rewritten(LOG, 0), size, OTHER_KEY);
      fails("no signature of key", () -> withCheckpoint(r, reSigned).verify(KEY.getPublic()));

      String signatureLine = checkpoint.substring(body.length() + 1, checkpoint.length() - 1);
      byte[] value = Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1));
      value[4 + size % 64] ^= 1;
      String badSignature = body + "\n" + signatureLine.substring(0, signatureLine.lastIndexOf(' ') + 1)
          + Base64.getEncoder().encodeToString(value) + "\n";
      fails("signature by '" + ProofTestKeys.ORIGIN + "' does not verify",
          () -> withCheckpoint(r, badSignature).verify(KEY.getPublic()));

      fails("no signature of key", () -> r.verify(OTHER_KEY.getPublic()));

      // Signed by the trusted key, but over another log: the signature holds, the proof does not.
      String otherLog = note(ProofTestKeys.rewritten(LOG, 0), size, KEY);
      fails("does not lead", () -> withCheckpoint(r, otherLog).verify(KEY.getPublic()));
    }
  }

  private static InclusionReceipt withCheckpoint(InclusionReceipt r, String checkpoint) {
    return new InclusionReceipt(r.entry(), r.leafIndex(), r.treeSize(), r.inclusionProof(), checkpoint);
  }

  @Test
  @DisplayName("no receipt against another log's checkpoint, one of more entries than the log, or one without the entry")
  void proveRefuses() {
    InvalidProofException otherLog = assertThrows(InvalidProofException.class,
        () -> prove(2, note(ProofTestKeys.rewritten(LOG, 4), 9, KEY)));
    assertTrue(otherLog.getMessage().contains("do not hash to the checkpoint's root"), otherLog::getMessage);

    String whole = note(LOG, ENTRIES, KEY);
    InvalidProofException shorter = assertThrows(InvalidProofException.class,
        () -> InclusionReceipt.prove(ENTRIES - 3, forward(LOG), 2, whole));
    assertTrue(shorter.getMessage().contains("holds 14 entries, fewer than the checkpoint's 17"), shorter::getMessage);

    IllegalArgumentException notCovered = assertThrows(IllegalArgumentException.class,
        () -> prove(9, note(LOG, 9, KEY)));
    assertTrue(notCovered.getMessage().startsWith("Entry 10 is not among the 9 entries"), notCovered::getMessage);
    assertThrows(IllegalArgumentException.class, () -> prove(-1, whole));

    IllegalArgumentException notANote = assertThrows(IllegalArgumentException.class, () -> prove(0, "9:abc\n"));
    assertTrue(notANote.getMessage().startsWith("The checkpoint is not a signed checkpoint"), notANote::getMessage);
  }

  @Test
  @DisplayName("the JSON document: the five members in order, compact, the note's text exactly, ended by a newline")
  void json() {
    String checkpoint = note(LOG, 1, KEY);
    InclusionReceipt receipt = prove(0, checkpoint);
    String expected = "{\"entry\":\"" + LOG.get(0).replace("\"", "\\\"") + "\",\"leafIndex\":0,\"treeSize\":1,"
        + "\"inclusionProof\":[],\"checkpoint\":\"" + checkpoint.replace("\n", "\\n") + "\"}\n";
    assertEquals(expected, receipt.toJson());
    assertTrue(receipt.toJson().contains("\u2014 "), "non-ASCII is not escaped");

    InclusionReceipt two = prove(0, note(LOG, 2, KEY));
    assertTrue(two.toJson().contains(",\"treeSize\":2,\"inclusionProof\":[\""
        + Base64.getEncoder().encodeToString(MerkleTree.leafHash(LOG.get(1))) + "\"],\"checkpoint\":"), two::toJson);
  }

  @Test
  @DisplayName("parse is strict: each missing, unknown, repeated or mistyped member is named")
  void parseIsStrict() {
    String good = prove(1, note(LOG, 3, KEY)).toJson();
    assertEquals(InclusionReceipt.parse(good), InclusionReceipt.parse(
        good.replaceFirst("\\{(\"entry\":\".*?[^\\\\]\"),(.*)}", "{$2,$1}")), "members in another order");
    List<List<String>> cases = List.of(
        List.of("", "it is not a JSON object"),
        List.of("[]", "it is not a JSON object"),
        List.of("{\"entry\":", "it is not JSON"),
        List.of(good.replace("\"leafIndex\":1,", ""), "the member 'leafIndex' is missing"),
        List.of(good.replace("\"leafIndex\":1,", "\"leafIndex\":1,\"extra\":true,"), "it has a member 'extra'"),
        List.of(good.replace("\"leafIndex\":1,", "\"leafIndex\":1,\"leafIndex\":1,"), "'leafIndex' appears twice"),
        List.of(good.replace("\"leafIndex\":1,", "\"leafIndex\":\"1\","), "'leafIndex' must be a whole number"),
        List.of(good.replace("\"leafIndex\":1,", "\"leafIndex\":1.0,"), "'leafIndex' must be a whole number"),
        List.of(good.replace("\"treeSize\":3,", "\"treeSize\":-3,"), "'treeSize' must be a whole number"),
        List.of(good.replace("\"treeSize\":3,", "\"treeSize\":null,"), "'treeSize' must be a whole number"),
        List.of(good.replaceFirst("\"entry\":\".*?[^\\\\]\",", "\"entry\":{},"), "'entry' must be a string"),
        List.of(good.replaceFirst("\"inclusionProof\":\\[.*?]", "\"inclusionProof\":\"x\""),
            "'inclusionProof' must be an array"),
        List.of(good.replaceFirst("\"inclusionProof\":\\[\"", "\"inclusionProof\":[1,\""), "inclusionProof[0] must be"),
        List.of(good.replaceFirst("\"inclusionProof\":\\[\"", "\"inclusionProof\":[\"AAAA\",\""),
            "inclusionProof[0] must be the standard base64 of a 32-byte hash"),
        List.of(good.replaceFirst("=\"", "\""), "must be the standard base64"),
        List.of(good + "{}", "it holds more after its JSON object"));
    for (List<String> c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InclusionReceipt.parse(c.get(0)),
          c.get(1));
      assertTrue(e.getMessage().startsWith("Not an inclusion receipt: "), e::getMessage);
      assertTrue(e.getMessage().contains(c.get(1)), () -> c.get(1) + " in: " + e.getMessage());
    }
  }
}
