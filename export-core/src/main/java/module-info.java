/**
 * The engine: {@code ExportHub} and its builder, the log's read side and stores, and the sources a
 * host constructs, and the file-backed signer. The bundle builder, the policy engine and the log's writer are not exported:
 * only the hub drives them.
 */
module dev.exporthub.core {
  requires transitive dev.exporthub.api;
  requires com.fasterxml.jackson.core;
  requires dev.exporthub.codec;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.exporthub.core;
  exports dev.exporthub.core.log;
  exports dev.exporthub.core.signing;
  exports dev.exporthub.core.source;

  uses dev.exporthub.api.spi.FormatWriter;
}
