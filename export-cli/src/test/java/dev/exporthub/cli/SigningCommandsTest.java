package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --sign-key} and {@code verify --public-key} ({@code docs/CLI.md}). */
class SigningCommandsTest {

  @TempDir
  static Path shared;

  private static Path data;
  private static Path key;
  private static Path pub;
  private static Path otherPub;

  @TempDir
  Path work;

  @BeforeAll
  static void dataAndKeys() {
    data = Fixtures.sampleData(shared.resolve("data"));
    assertEquals(0, Cli.run(shared, "keygen", "--out", "keys").code());
    assertEquals(0, Cli.run(shared, "keygen", "--out", "other").code());
    key = shared.resolve("keys/exporthub-signing.key");
    pub = shared.resolve("keys/exporthub-signing.pub");
    otherPub = shared.resolve("other/exporthub-signing.pub");
  }

  private Cli.Run export(String format, String out, String... extra) {
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category", "compliance-pack",
        "--format", format, "--out", out, "--user", "alice", "--user-tenant", "tenant-1", "--role", "auditor",
        "--permission", "export:bundle-formats", "--now", Cli.NOW));
    args.addAll(Arrays.asList(extra));
    return Cli.run(work, args.toArray(String[]::new));
  }

  private Cli.Run verify(Path file, Path publicKey) {
    return Cli.run(work, "verify", file.toString(), "--public-key", publicKey.toString());
  }

  @Test
  @DisplayName("--sign-key: a text export gets OUT.sig, an archive signs itself; the log records the key id")
  void signs() {
    Cli.Run json = export("json", "out.json", "--sign-key", key.toString());
    Cli.Run zip = export("zip", "out.zip", "--sign-key", key.toString());

    assertEquals(0, json.code(), json::toString);
    assertEquals(0, zip.code(), zip::toString);
    assertEquals(List.of(), json.errLines());
    assertTrue(Files.isRegularFile(work.resolve("out.json.sig")));
    assertFalse(Files.exists(work.resolve("out.zip.sig")), "an archive holds its signature");
    assertTrue(json.out().contains("  signed  key "), json::toString);
    List<LogEntry.ExportGenerated> generated = Fixtures.entries(work.resolve(LogFiles.DEFAULT_NAME)).stream()
        .filter(LogEntry.ExportGenerated.class::isInstance).map(LogEntry.ExportGenerated.class::cast).toList();
    assertTrue(generated.get(0).export().signature().detached());
    assertFalse(generated.get(1).export().signature().detached());
    assertEquals(generated.get(0).export().signature().keyId(), generated.get(1).export().signature().keyId());

    assertEquals(0, verify(work.resolve("out.json"), pub).code());
    Cli.Run ok = verify(work.resolve("out.zip"), pub);
    assertEquals(0, ok.code(), ok::toString);
    assertTrue(ok.out().contains("signed by the trusted key"), ok::toString);
  }

  @Test
  @DisplayName("a wrong, missing or unreadable --sign-key is exit 2 in one line, before anything is logged")
  void badKeys() throws IOException {
    Path garbage = Files.writeString(work.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nnot base64\n"
        + "-----END PRIVATE KEY-----\n");
    Path unreadable = Files.copy(key, work.resolve("unreadable.key"));
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    boolean root = Files.isReadable(unreadable);
    for (Path bad : List.of(pub, garbage, work.resolve("absent.key"), work, unreadable)) {
      if (bad.equals(unreadable) && root) {
        continue; // root reads every file
      }
      Cli.Run run = export("json", "out.json", "--sign-key", bad.toString());
      assertEquals(ExitCodes.USAGE, run.code(), run::toString);
      assertEquals(1, run.errLines().size(), run::toString);
      assertTrue(run.err().startsWith("exporthub export: cannot use the signing key " + bad), run::toString);
      assertFalse(run.err().contains("MC4C"), "no key material");
    }
    assertFalse(Files.exists(work.resolve("out.json")));
    assertFalse(Files.exists(work.resolve(LogFiles.DEFAULT_NAME)), "nothing logged");
  }

  @Test
  @DisplayName("a private key other users may read is used, with one warning")
  void readableKey() throws IOException {
    Path open = Files.copy(key, work.resolve("open.key"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Run run = export("csv", "out.csv", "--sign-key", open.toString());

    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("warning: the signing key " + open + " can be read by other users; make it private: chmod 600 "
        + open), run.errLines());
    assertTrue(Files.isRegularFile(work.resolve("out.csv.sig")));
  }

  @Test
  @DisplayName("verify --public-key: an unsigned export, another key's and a changed one are exit 1 with one line why")
  void refusals() throws IOException {
    export("auditor-package", "unsigned.zip");
    export("markdown", "unsigned.md");
    export("auditor-package", "signed.zip", "--sign-key", key.toString());
    export("html", "signed.html", "--sign-key", key.toString());
    Files.writeString(work.resolve("changed.html"), Files.readString(work.resolve("signed.html")) + " ");
    Files.copy(work.resolve("signed.html.sig"), work.resolve("changed.html.sig"));

    List<List<String>> cases = List.of(
        List.of("unsigned.zip", pub.toString(), "is not signed"),
        List.of("unsigned.md", pub.toString(), "is not signed"),
        List.of("signed.zip", otherPub.toString(), "not with the trusted key"),
        List.of("signed.html", otherPub.toString(), "does not verify with the trusted key"),
        List.of("changed.html", pub.toString(), "does not verify with the trusted key"));
    for (List<String> c : cases) {
      Cli.Run run = verify(work.resolve(c.get(0)), Path.of(c.get(1)));
      assertEquals(ExitCodes.FAILED, run.code(), run::toString);
      assertEquals(1, run.errLines().size(), run::toString);
      assertTrue(run.err().startsWith("exporthub verify: " + work.resolve(c.get(0)) + " does not verify: "), run::toString);
      assertTrue(run.err().contains(c.get(2)), run::toString);
    }
    Cli.Run withoutKey = Cli.run(work, "verify", "signed.zip");
    assertEquals(0, withoutKey.code(), withoutKey::toString);
    assertTrue(withoutKey.out().contains("give --public-key to check who signed"), withoutKey::toString);
    Cli.Run privateAsPublic = verify(work.resolve("signed.zip"), key);
    assertEquals(ExitCodes.USAGE, privateAsPublic.code(), privateAsPublic::toString);
    assertEquals(1, privateAsPublic.errLines().size());
  }
}
