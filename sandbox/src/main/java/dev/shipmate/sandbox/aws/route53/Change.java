package dev.shipmate.sandbox.aws.route53;

/** One change of a batch: CREATE, DELETE or UPSERT of a record set. */
public record Change(Action action, ResourceRecordSet recordSet) {

  public enum Action {
    CREATE,
    DELETE,
    UPSERT
  }

  public static Change create(ResourceRecordSet recordSet) {
    return new Change(Action.CREATE, recordSet);
  }

  public static Change delete(ResourceRecordSet recordSet) {
    return new Change(Action.DELETE, recordSet);
  }

  public static Change upsert(ResourceRecordSet recordSet) {
    return new Change(Action.UPSERT, recordSet);
  }
}
