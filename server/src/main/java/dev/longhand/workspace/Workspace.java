package dev.longhand.workspace;

/** A tenant: nothing in one workspace is ever visible from another. */
public record Workspace(long id, String name, long createdAt) {

  /** A workspace as one person belongs to it. */
  public record Membership(Workspace workspace, Role role) {}

  /** A person in a workspace, with what is needed to show them beside their name. */
  public record Member(long accountId, String name, String handle, String timeZone, Role role) {}
}
