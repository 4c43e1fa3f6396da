package dev.shipmate.pipelines.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the batches a roll drains together, which the preflight checks for room")
class DrainBatchesTest {

  private static List<ClusterNode> nodes(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(
            i ->
                new ClusterNode(
                    "n" + i,
                    true,
                    false,
                    "v1.31.4",
                    MinorVersion.parse("v1.31.4"),
                    Optional.of("i-" + i),
                    Map.of(),
                    Optional.empty(),
                    110,
                    Instant.EPOCH.plusSeconds(i),
                    Optional.empty(),
                    Optional.empty(),
                    false))
        .toList();
  }

  private static List<List<String>> names(List<List<ClusterNode>> batches) {
    return batches.stream().map(b -> b.stream().map(ClusterNode::name).toList()).toList();
  }

  @Test
  @DisplayName("the first node alone (the canary), then maxUnavailable at a time, the last short")
  void canaryThenBatches() {
    assertThat(names(Preflight.batches(nodes(6), 2)))
        .containsExactly(List.of("n1"), List.of("n2", "n3"), List.of("n4", "n5"), List.of("n6"));
    assertThat(names(Preflight.batches(nodes(3), 1)))
        .containsExactly(List.of("n1"), List.of("n2"), List.of("n3"));
    assertThat(names(Preflight.batches(nodes(3), 10)))
        .containsExactly(List.of("n1"), List.of("n2", "n3"));
    assertThat(Preflight.batches(List.of(), 2)).isEmpty();
  }
}
