package dev.shipmate.pipelines.drift;

import java.util.List;
import java.util.Objects;

/**
 * One difference between git and what runs. {@link #key()} names it across reports, so that a drift
 * seen again is known to persist, and a decision about it (snooze, ignore) is kept.
 */
public sealed interface Finding {

  /** The cluster it was found in, or {@link #DNS} for Route53. */
  String scope();

  /** Stable across reports: {@code prod-eu|changed|apps/Deployment/prod/web}. */
  String key();

  /** The namespace, for counts; empty for cluster-scoped objects and DNS. */
  String namespace();

  /** One line: {@code Deployment prod/web: 2 fields differ}. */
  String headline();

  /** One word for counts: {@code missing}, {@code extra}, {@code changed}, {@code weights}. */
  String state();

  String DNS = "route53";

  /** In git, not in the cluster. */
  record Missing(String scope, ObjectRef ref, String source) implements Finding {
    public Missing {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String state() {
      return "missing";
    }

    @Override
    public String key() {
      return scope + "|missing|" + ref.key();
    }

    @Override
    public String namespace() {
      return ref.namespace();
    }

    @Override
    public String headline() {
      return ref.describe() + " is in git (" + source + ") but not in the cluster";
    }
  }

  /** In a managed namespace of the cluster, not in git. */
  record Extra(String scope, ObjectRef ref) implements Finding {
    public Extra {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String state() {
      return "extra";
    }

    @Override
    public String key() {
      return scope + "|extra|" + ref.key();
    }

    @Override
    public String namespace() {
      return ref.namespace();
    }

    @Override
    public String headline() {
      return ref.describe() + " runs in the cluster but is not in git";
    }
  }

  /** In both, with fields that differ. */
  record Changed(String scope, ObjectRef ref, List<FieldDrift> fields) implements Finding {
    public Changed {
      Objects.requireNonNull(ref, "ref");
      fields = List.copyOf(fields);
    }

    @Override
    public String state() {
      return "changed";
    }

    @Override
    public String key() {
      return scope + "|changed|" + ref.key();
    }

    @Override
    public String namespace() {
      return ref.namespace();
    }

    @Override
    public String headline() {
      return ref.describe()
          + ": "
          + (fields.size() == 1 ? fields.get(0).describe() : fields.size() + " fields differ");
    }
  }

  /** A cutover's Route53 weights differ from git's. */
  record WeightsChanged(
      String cutover, int desiredBlue, int desiredGreen, int liveBlue, int liveGreen)
      implements Finding {
    @Override
    public String state() {
      return "weights";
    }

    @Override
    public String scope() {
      return DNS;
    }

    @Override
    public String key() {
      return DNS + "|weights|" + cutover;
    }

    @Override
    public String namespace() {
      return "";
    }

    @Override
    public String headline() {
      return "cutover "
          + cutover
          + ": weights blue/green "
          + desiredBlue
          + "/"
          + desiredGreen
          + " in git, "
          + liveBlue
          + "/"
          + liveGreen
          + " live";
    }
  }

  /** The comparison could not be made (cluster unreachable, a record missing, ...). */
  record Unchecked(String scope, String what, String reason) implements Finding {
    @Override
    public String state() {
      return "unchecked";
    }

    @Override
    public String key() {
      return scope + "|unchecked|" + what;
    }

    @Override
    public String namespace() {
      return "";
    }

    @Override
    public String headline() {
      return what + " could not be checked: " + reason;
    }
  }
}
