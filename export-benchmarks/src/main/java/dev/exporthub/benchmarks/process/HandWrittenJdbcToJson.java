package dev.exporthub.benchmarks.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * The program a developer would write by hand for one tenant's full-operational JSON from
 * PostgreSQL: per table of the conventional layout one query with the same filter and order as
 * Export Hub's ({@code tenant_id = ? AND time >= ? AND time < ? ORDER BY time, id}), streamed with a
 * fetch size, each row written as a JSON object through Jackson's pretty printer, {@code jsonb}
 * columns parsed and written as trees. It checks nothing.
 *
 * <pre>java -cp benchmarks.jar dev.exporthub.benchmarks.process.HandWrittenJdbcToJson JDBC_URL TENANT FROM TO OUT</pre>
 */
public final class HandWrittenJdbcToJson {

  private HandWrittenJdbcToJson() {}

  public static void main(String[] args) throws IOException, SQLException {
    String tenant = args[1];
    Timestamp from = Timestamp.from(Instant.parse(args[2]));
    Timestamp to = Timestamp.from(Instant.parse(args[3]));
    ObjectMapper mapper = new ObjectMapper();
    try (Connection db = DriverManager.getConnection(args[0]);
         OutputStream out = Files.newOutputStream(Path.of(args[4]));
         JsonGenerator json = mapper.getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      db.setAutoCommit(false);
      json.writeStartObject();
      json.writeArrayFieldStart("sections");
      for (SourceType type : SourceType.values()) {
        String time = snake(type.timeField());
        String sql = "SELECT * FROM " + type.id().replace('-', '_') + " WHERE tenant_id = ? AND " + time
            + " >= ? AND " + time + " < ? ORDER BY " + time + ", " + snake(type.idField());
        json.writeStartObject();
        json.writeStringField("sectionId", type.id());
        json.writeArrayFieldStart("items");
        try (PreparedStatement query = db.prepareStatement(sql)) {
          query.setFetchSize(1000);
          query.setString(1, tenant);
          query.setTimestamp(2, from);
          query.setTimestamp(3, to);
          try (ResultSet rows = query.executeQuery()) {
            ResultSetMetaData columns = rows.getMetaData();
            while (rows.next()) {
              json.writeStartObject();
              for (int c = 1; c <= columns.getColumnCount(); c++) {
                write(json, mapper, columns.getColumnName(c), columns.getColumnType(c),
                    columns.getColumnTypeName(c), rows, c);
              }
              json.writeEndObject();
            }
          }
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      db.commit();
    }
  }

  private static void write(JsonGenerator json, ObjectMapper mapper, String name, int sqlType, String typeName,
      ResultSet rows, int c) throws SQLException, IOException {
    if (typeName.equals("jsonb")) {
      json.writeFieldName(name);
      mapper.writeTree(json, mapper.readTree(rows.getString(c)));
    } else if (sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE) {
      Timestamp at = rows.getTimestamp(c);
      if (at != null) {
        json.writeStringField(name, at.toInstant().toString());
      }
    } else if (sqlType == Types.DOUBLE || sqlType == Types.INTEGER || sqlType == Types.NUMERIC) {
      json.writeNumberField(name, rows.getDouble(c));
    } else {
      String text = rows.getString(c);
      if (text != null) {
        json.writeStringField(name, text);
      }
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
