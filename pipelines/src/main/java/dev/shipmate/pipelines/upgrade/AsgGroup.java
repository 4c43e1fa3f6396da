package dev.shipmate.pipelines.upgrade;

import java.util.List;
import java.util.Optional;

/**
 * An Auto Scaling group: its launch template version and the instances it keeps.
 *
 * @param templateVersion as the group names it: a number, {@code $Latest} or {@code $Default}
 */
public record AsgGroup(
    String name,
    String templateId,
    String templateVersion,
    int minSize,
    int maxSize,
    int desiredCapacity,
    List<AsgInstance> instances) {

  public AsgGroup {
    instances = List.copyOf(instances);
  }

  public Optional<AsgInstance> instance(String id) {
    return instances.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * An instance of the group.
   *
   * @param lifecycleState Auto Scaling's {@code Pending}, {@code InService}, {@code Terminating} …
   */
  public record AsgInstance(String id, String lifecycleState) {
    public boolean inService() {
      return "InService".equals(lifecycleState);
    }

    public boolean leaving() {
      return lifecycleState.startsWith("Terminat");
    }
  }
}
