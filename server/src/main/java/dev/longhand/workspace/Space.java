package dev.longhand.workspace;

/** A team area inside a workspace: public to the workspace's members, or private to its own. */
public record Space(long id, long workspaceId, String name, String visibility, long createdAt) {
  public boolean isPrivate() {
    return "private".equals(visibility);
  }

  /** A space as one person may see it, with their role in its workspace. */
  public record Access(Space space, Role role, boolean member) {
    /**
     * The one reading rule: a workspace member reads a public space unless they are a guest;
     * private spaces, and every space for a guest, need membership of the space itself.
     */
    public static boolean mayRead(Space space, Role role, boolean member) {
      return member || !(space.isPrivate() || role.isGuest());
    }
  }
}
