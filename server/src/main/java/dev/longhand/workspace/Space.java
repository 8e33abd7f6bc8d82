package dev.longhand.workspace;

import java.util.EnumSet;
import java.util.Set;

/** A team area inside a workspace: public to the workspace's members, or private to its own. */
public record Space(long id, long workspaceId, String name, String visibility, long createdAt) {
  public boolean isPrivate() {
    return "private".equals(visibility);
  }

  /** A space as one person may see it, with their role in its workspace. */
  public record Access(Space space, Role role, boolean member) {
    /**
     * The one reading rule, {@link Action#READ_SPACE} in {@link Permissions}: a workspace member reads a public
     * space unless they are a guest; private spaces, and every space for a guest, need membership of the space itself.
     */
    public static boolean mayRead(Space space, Role role, boolean member) {
      return Permissions.can(role, Action.READ_SPACE, relations(space, role, member));
    }

    /** Whether this person may take an action on the space by their role and standing: what its page offers. */
    public boolean may(Action action) {
      return Permissions.can(role, action, relations());
    }

    /** How this person stands to the space, for {@link Permissions}. */
    public Set<Relation> relations() {
      return relations(space, role, member);
    }

    /** The same, with whatever else they are to the thing acted on (its uploader, its asker). */
    public Set<Relation> relations(Set<Relation> more) {
      Set<Relation> all = EnumSet.copyOf(relations());
      all.addAll(more);
      return all;
    }

    static Set<Relation> relations(Space space, Role role, boolean member) {
      EnumSet<Relation> held = EnumSet.noneOf(Relation.class);
      if (member) held.add(Relation.SPACE_MEMBER);
      if (!space.isPrivate() && !role.isGuest()) held.add(Relation.OPEN_SPACE);
      if (!held.isEmpty()) held.add(Relation.SPACE_READER);
      return held;
    }
  }
}
