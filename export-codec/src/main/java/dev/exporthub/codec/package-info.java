/**
 * Internal to Export Hub: the few encodings that export-core and export-formats must write byte for
 * byte alike, kept here once. Not an API: nothing here is promised to hosts or plugin authors, and
 * the package is to be exported to Export Hub's own modules only.
 *
 * <ul>
 *   <li>{@link dev.exporthub.codec.FormulaGuard}: the CSV formula guard of the bundle CSV and of the
 *       log's CSV export;</li>
 *   <li>{@link dev.exporthub.codec.ScopeJson}: an {@code ExportScope} as a JSON object, in the
 *       bundle documents and in the log's policy decisions.</li>
 *   <li>{@link dev.exporthub.codec.Pem} and {@link dev.exporthub.codec.Ed25519}: signing keys as
 *       PEM text and the one-line signature file, read by the core's signer and the formats'
 *       verifier alike.</li>
 * </ul>
 */
package dev.exporthub.codec;
