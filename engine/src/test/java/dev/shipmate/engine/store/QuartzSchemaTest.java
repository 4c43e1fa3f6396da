package dev.shipmate.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuartzSchemaTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"h2, tables_h2.sql", "postgresql, tables_postgres.sql"})
  @DisplayName("our Quartz migration is the quartz jar's own schema, statement for statement")
  void matchesTheQuartzJar(String vendor, String quartzFile) throws IOException {
    List<String> ours = statements(read("db/migration/" + vendor + "/V2__quartz_tables.sql"));
    List<String> quartz =
        statements(read("org/quartz/impl/jdbcjobstore/" + quartzFile)).stream()
            .filter(s -> !s.startsWith("DROP TABLE") && !s.equals("COMMIT"))
            .toList();

    assertThat(ours).isNotEmpty().isEqualTo(quartz);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = QuartzSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> statements(String sql) {
    String withoutComments =
        String.join("\n", sql.lines().filter(line -> !line.strip().startsWith("--")).toList());
    return Arrays.stream(withoutComments.split(";"))
        .map(s -> s.strip().replaceAll("\\s+", " "))
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
