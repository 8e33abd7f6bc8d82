package dev.longhand.workspace;

/** A team area inside a workspace: public to the workspace's members, or private to its own. */
public record Space(long id, long workspaceId, String name, String visibility, long createdAt) {
  public boolean isPrivate() {
    return "private".equals(visibility);
  }

  /** A space as one person may see it, with their role in its workspace. */
  public record Access(Space space, Role role, boolean member) {}
}
