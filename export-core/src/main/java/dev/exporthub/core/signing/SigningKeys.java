package dev.exporthub.core.signing;

import dev.exporthub.codec.Ed25519;
import dev.exporthub.codec.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * Ed25519 key files as OpenSSL reads and writes them: the private key PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}), the public key SubjectPublicKeyInfo PEM
 * ({@code -----BEGIN PUBLIC KEY-----}). Reading is strict (see {@code docs/SPECIFICATION.md} §5.12);
 * no error quotes a file's content.
 */
public final class SigningKeys {

  /** The name {@code exporthub keygen} gives the private key. */
  public static final String PRIVATE_KEY_FILE = "exporthub-signing.key";

  /** The name {@code exporthub keygen} gives the public key. */
  public static final String PUBLIC_KEY_FILE = "exporthub-signing.pub";

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SigningKeys() {
  }

  /** A new random Ed25519 key pair. */
  public static KeyPair generate() {
    return Ed25519.generate();
  }

  /** The PEM text of a public key, as {@code openssl pkey -pubout} writes it. */
  public static String publicKeyPem(PublicKey key) {
    return Pem.encode(Ed25519.PUBLIC_KEY_LABEL, Objects.requireNonNull(key, "key").getEncoded());
  }

  /**
   * Writes a key pair to two new files: the private key with POSIX mode {@code 0600} from the moment
   * it exists (on file systems with POSIX permissions), then the public key. Neither file is
   * replaced: when either exists, nothing is written.
   *
   * @throws FileAlreadyExistsException when either file exists
   */
  public static void write(KeyPair pair, Path privateKeyFile, Path publicKeyFile) throws IOException {
    for (Path file : new Path[] {privateKeyFile, publicKeyFile}) {
      if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(file.toString(), null, "a key file is never replaced");
      }
    }
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      createNew(privateKeyFile, Pem.encode(Ed25519.PRIVATE_KEY_LABEL, pkcs8), true);
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
    createNew(publicKeyFile, publicKeyPem(pair.getPublic()), false);
  }

  /**
   * The private key in a PKCS#8 PEM file.
   *
   * @throws KeyFileException when the file holds no Ed25519 private key
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = pem(file, Ed25519.PRIVATE_KEY_LABEL);
    try {
      return Ed25519.privateKey(der);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, e.getMessage());
    } finally {
      java.util.Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * The public key in a SubjectPublicKeyInfo PEM file.
   *
   * @throws KeyFileException when the file holds no Ed25519 public key (a private key included)
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = pem(file, Ed25519.PUBLIC_KEY_LABEL);
    try {
      return Ed25519.publicKey(der);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, e.getMessage());
    }
  }

  /**
   * Whether users other than the file's owner may read it: its POSIX group or others read bit.
   * {@code false} where the file system has no POSIX permissions.
   */
  public static boolean readableByOthers(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
  }

  private static byte[] pem(Path file, String label) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] text;
    try (InputStream in = Files.newInputStream(file)) {
      // One byte more than any key file holds, so that a huge file is refused unread.
      text = in.readNBytes(Pem.MAX_BYTES + 1);
    }
    try {
      return Pem.decode(text, label);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, e.getMessage());
    } finally {
      java.util.Arrays.fill(text, (byte) 0);
    }
  }

  private static void createNew(Path file, String text, boolean secret) throws IOException {
    boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
    FileAttribute<?>[] attributes = secret && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    boolean written = false;
    try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attributes); OutputStream out = Channels.newOutputStream(channel)) {
      if (secret && posix) {
        // The umask may have narrowed the mode asked for at creation, never widened it; set it exactly.
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      channel.force(true);
      written = true;
    } finally {
      if (!written) {
        Files.deleteIfExists(file);
      }
    }
  }
}
