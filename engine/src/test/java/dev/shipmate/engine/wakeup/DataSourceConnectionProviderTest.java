package dev.shipmate.engine.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataSourceConnectionProviderTest {

  private static final Connection CONNECTION =
      (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> null);

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aWaitInterruptedByQuartzsHaltIsWaitedOutAndTheInterruptKept() throws Exception {
    // As HikariCP answers a thread interrupted while it waits: the flag set again, and an error
    Deque<Object> answers =
        new ArrayDeque<>(
            List.of(
                new SQLException("Interrupted during connection acquisition", interrupted()),
                CONNECTION));
    DataSourceConnectionProvider provider = new DataSourceConnectionProvider(dataSource(answers));

    assertThat(provider.getConnection()).isSameAs(CONNECTION);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void otherFailuresAreNotRetried() {
    Deque<Object> answers =
        new ArrayDeque<>(List.of(new SQLException("database is down"), CONNECTION));
    DataSourceConnectionProvider provider = new DataSourceConnectionProvider(dataSource(answers));

    assertThatThrownBy(provider::getConnection).hasMessage("database is down");
    assertThat(answers).as("not asked again").hasSize(1);
  }

  private static InterruptedException interrupted() {
    Thread.currentThread().interrupt();
    return new InterruptedException();
  }

  private static DataSource dataSource(Deque<Object> answers) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getConnection")) {
                throw new AssertionError(
                    "the provider asked the data source for " + method.getName());
              }
              Object answer = answers.removeFirst();
              if (answer instanceof SQLException e) {
                throw e;
              }
              return answer;
            });
  }
}
