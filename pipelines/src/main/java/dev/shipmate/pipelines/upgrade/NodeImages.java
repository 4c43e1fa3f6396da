package dev.shipmate.pipelines.upgrade;

/**
 * Which machine image runs a Kubernetes minor version's kubelet: what a self-managed group's new
 * launch template version starts.
 */
@FunctionalInterface
public interface NodeImages {

  String imageFor(MinorVersion version);

  /**
   * Images named after the version by a pattern: {@code ami-eks-node-{version}} gives {@code
   * ami-eks-node-1.32} (the sandbox's images, and a registry that names its images so).
   */
  static NodeImages named(String pattern) {
    if (!pattern.contains("{version}")) {
      throw new IllegalArgumentException("the image pattern needs {version}: " + pattern);
    }
    return version -> pattern.replace("{version}", version.toString());
  }
}
