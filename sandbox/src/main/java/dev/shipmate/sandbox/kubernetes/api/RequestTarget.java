package dev.shipmate.sandbox.kubernetes.api;

import dev.shipmate.sandbox.kubernetes.store.ApiException;
import dev.shipmate.sandbox.kubernetes.store.ResourceType;
import dev.shipmate.sandbox.kubernetes.store.ResourceTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resource URL points at: {@code /apis/apps/v1/namespaces/prod/deployments/web/scale} is the
 * {@code scale} subresource of Deployment {@code web} in {@code prod}.
 *
 * @param type the kind of object
 * @param namespace the namespace in the path, null for cluster-scoped kinds and for lists across
 *     all namespaces
 * @param name the object's name, null for a collection
 * @param subresource {@code status}, {@code scale}, {@code eviction}, ... or null
 */
record RequestTarget(ResourceType type, String namespace, String name, String subresource) {

  boolean isCollection() {
    return name == null;
  }

  /**
   * @throws ApiException 404 for a path no resource lives at
   */
  static RequestTarget parse(String path, ResourceTypes types) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    String group;
    String version;
    List<String> rest;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      rest = segments.subList(2, segments.size());
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      rest = segments.subList(3, segments.size());
    } else {
      throw notFound();
    }
    if (rest.isEmpty()) {
      throw notFound();
    }
    String namespace = null;
    if (rest.get(0).equals("namespaces")
        && rest.size() >= 3
        && !(rest.size() == 3
            && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.size() > 3) {
      throw notFound();
    }
    ResourceType type =
        types.byPath(group, version, rest.get(0)).orElseThrow(RequestTarget::notFound);
    if (namespace != null && !type.namespaced()) {
      throw notFound();
    }
    String name = rest.size() >= 2 ? rest.get(1) : null;
    String subresource = rest.size() == 3 ? rest.get(2) : null;
    if (name != null && type.namespaced() && namespace == null) {
      throw notFound();
    }
    if (subresource != null && !type.subresources().contains(subresource)) {
      throw notFound();
    }
    return new RequestTarget(type, namespace, name, subresource);
  }

  private static ApiException notFound() {
    return ApiException.notFound("the server could not find the requested resource");
  }
}
