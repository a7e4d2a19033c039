/**
 * Signing keys for Export Hub's Ed25519 signatures ({@code docs/SPECIFICATION.md} §5.12):
 * {@link dev.exporthub.core.signing.Ed25519Signer}, the signer of a PKCS#8 PEM key file (or a key
 * pair in memory), and {@link dev.exporthub.core.signing.SigningKeys}, which generates key pairs and
 * reads and writes the PEM files OpenSSL uses. A host whose key lives in a KMS or an HSM implements
 * {@link dev.exporthub.api.spi.ArtifactSigner} instead.
 */
package dev.exporthub.core.signing;
