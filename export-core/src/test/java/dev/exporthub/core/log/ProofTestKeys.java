package dev.exporthub.core.log;

import dev.exporthub.core.signing.Ed25519Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;

/** Ed25519 key pairs and signed checkpoints of logs, for the proof tests. */
final class ProofTestKeys {

  static final String ORIGIN = "exporthub.test/log";

  private ProofTestKeys() {
  }

  static KeyPair newKeyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The signed note of the first {@code size} lines, under {@code origin}, signed by {@code pair}. */
  static String note(List<String> lines, int size, String origin, KeyPair pair) {
    try {
      return new SignedCheckpoint(origin, size, MerkleTree.ofLines(lines.subList(0, size)).root())
          .sign(origin, Ed25519Signer.of(pair));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static String note(List<String> lines, int size, KeyPair pair) {
    return note(lines, size, ORIGIN, pair);
  }

  /** The lines with the entry at {@code at} dated a year earlier: a rewritten log. */
  static List<String> rewritten(List<String> lines, int at) {
    List<String> copy = new ArrayList<>(lines);
    String changed = copy.get(at).replaceFirst("\"timestamp\":\"2026", "\"timestamp\":\"2025");
    if (changed.equals(copy.get(at))) {
      throw new AssertionError("no timestamp to change in " + changed);
    }
    copy.set(at, changed);
    return copy;
  }
}
