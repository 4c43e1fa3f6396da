package dev.shipmate.pipelines.kubernetes;

import static dev.shipmate.pipelines.kubernetes.Workloads.image;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Writes {@link Workloads} into one namespace of an API server that runs no controllers, as a
 * controller or a person would: the server assigns uids and versions.
 */
record WorkloadWriter(KubernetesClient client, String namespace) {

  <T extends HasMetadata> T create(T object) {
    object.getMetadata().setNamespace(namespace);
    object.getMetadata().setUid(null);
    object.getMetadata().setResourceVersion(null);
    return client.resource(object).create();
  }

  /** web at v1.1 (revision 1, its ReplicaSet) then set to v1.2 (revision 2, its ReplicaSet). */
  List<ReplicaSet> webRolledToV12() {
    Deployment v11 = create(Workloads.deployment("web", image("v1.1"), 3));
    ReplicaSet rev1 = create(Workloads.replicaSet(v11, 1, 0));
    Deployment v12 =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName("web")
            .edit(d -> Workloads.withImage(d, image("v1.2"), 2));
    ReplicaSet rev2 = create(Workloads.replicaSet(v12, 2, 3));
    return List.of(rev1, rev2);
  }
}
