package dev.shipmate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code services:}: what is deployed — an image repository and the Deployments running it.
 */
final class ServicesReader {
  static final Keys KEYS = Keys.of("image", "deployments", "container");

  private ServicesReader() {}

  static Map<String, Service> read(Optional<YamlMapping> services) {
    Map<String, Service> result = new LinkedHashMap<>();
    for (YamlMapping.Entry entry : services.map(YamlMapping::entries).orElse(List.of())) {
      String name = entry.key();
      Optional<String> badName = TypedNames.problem(name);
      badName.ifPresent(message -> services.get().errorAt(name, message));
      entry
          .value()
          .mapping(KEYS, entry.keyLine())
          .flatMap(service -> service(name, service))
          .filter(s -> badName.isEmpty())
          .ifPresent(s -> result.put(name, s));
    }
    return result;
  }

  private static Optional<Service> service(String name, YamlMapping service) {
    Optional<String> image =
        service.requiredText(
            "image",
            "the image repository, without a tag, e.g. image: registry.example.com/acme/" + name);
    Optional<String> badImage = image.flatMap(ImageReference::problem);
    badImage.ifPresent(m -> service.errorAt("image", m));
    Optional<List<String>> deployments =
        service.requiredTexts(
            "deployments",
            "the Deployments that run it, e.g. deployments: [" + name + "]",
            ServicesReader::deploymentProblem);
    Optional<String> container = service.text("container");
    Optional<String> badContainer =
        container.flatMap(DnsNames::labelProblem).map(m -> "container " + m);
    badContainer.ifPresent(m -> service.errorAt("container", m));
    boolean valid =
        image.isPresent()
            && badImage.isEmpty()
            && deployments.isPresent()
            && badContainer.isEmpty();
    return valid
        ? Optional.of(new Service(name, image.get(), deployments.get(), container))
        : Optional.empty();
  }

  private static Optional<String> deploymentProblem(String deployment) {
    return DnsNames.isSubdomain(deployment)
        ? Optional.empty()
        : Optional.of(
            "'"
                + deployment
                + "' is not a Deployment name: use lowercase letters, digits, '-' and '.'");
  }
}
