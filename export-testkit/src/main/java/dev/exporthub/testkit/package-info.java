/**
 * Export Hub's testkit: what a host or a plugin author adds as one test dependency.
 *
 * <ul>
 *   <li>Arbitraries (jqwik) of everything the engine takes in: {@link dev.exporthub.testkit.Texts}
 *       (nasty text), {@link dev.exporthub.testkit.SourceRecords} (the ten source records),
 *       {@link dev.exporthub.testkit.DataSets} (whole data sets over several tenants, facilities and
 *       federations), {@link dev.exporthub.testkit.Callers} and {@link dev.exporthub.testkit.Requests}.</li>
 *   <li>{@link dev.exporthub.testkit.EngineLaws}: determinism, order and locale independence,
 *       isolation and content identity, as properties a host runs against its own hub.</li>
 *   <li>{@link dev.exporthub.testkit.FormatWriterContract}: the compatibility kit every
 *       {@link dev.exporthub.api.spi.FormatWriter} passes, built-in or plugin.</li>
 * </ul>
 *
 * <p>jqwik and JUnit Jupiter are compile-scope dependencies of this module, so a test-scoped
 * dependency on it brings the whole tool chain.
 */
package dev.exporthub.testkit;
