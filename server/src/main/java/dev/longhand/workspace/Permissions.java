package dev.longhand.workspace;

import static dev.longhand.workspace.Relation.ASKER;
import static dev.longhand.workspace.Relation.ASSIGNEE;
import static dev.longhand.workspace.Relation.AUTHOR;
import static dev.longhand.workspace.Relation.OPEN_SPACE;
import static dev.longhand.workspace.Relation.ORGANISER;
import static dev.longhand.workspace.Relation.PARTICIPANT;
import static dev.longhand.workspace.Relation.SPACE_CREATOR;
import static dev.longhand.workspace.Relation.SPACE_MEMBER;
import static dev.longhand.workspace.Relation.SPACE_READER;
import static dev.longhand.workspace.Relation.UPLOADER;
import static dev.longhand.workspace.Role.ADMIN;
import static dev.longhand.workspace.Role.MEMBER;
import static dev.longhand.workspace.Role.OWNER;

import dev.longhand.http.Problem;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What each role and relation may do: one table, read as data. A person may take an action when their role is one
 * of the rule's roles, or when they hold one of its relations. Every action on a thing in a space first needs the
 * space to be readable ({@link WorkspaceService#accessSpace}): outsiders get "not found" before this table is
 * asked, so it only ever tells an insider "forbidden" (403), never whether something exists.
 *
 * <p>Policy decided here (docs/ARCHITECTURE.md, "Permissions"): a guest sees only the people of the spaces they
 * were added to, and sends no urgent notifications; in a private space only its creator and the workspace's owner
 * and admins add people; in a public space any non-guest may.
 *
 * <p>The SQL that lists readable spaces (visible spaces, readers, asks, digests) says {@link Action#READ_SPACE}'s
 * rule in SQL, for speed: a member row, or a public space and a role other than guest.
 */
public final class Permissions {
  /** Who may: any of these roles, or anyone holding any of these relations; {@code refusal} says who may, for a 403. */
  public record Rule(Set<Role> roles, Set<Relation> relations, String refusal) {
    public boolean allows(Role role, Set<Relation> held) {
      if (roles.contains(role)) return true;
      for (Relation r : held) if (relations.contains(r)) return true;
      return false;
    }
  }

  private static final Set<Role> NOBODY = Set.of();
  private static final Set<Role> NON_GUESTS = EnumSet.of(OWNER, ADMIN, MEMBER);
  private static final Set<Role> ADMINS = EnumSet.of(OWNER, ADMIN);
  private static final Set<Relation> NONE = Set.of();

  private static final Map<Action, Rule> TABLE = table(Map.ofEntries(
      // reading and writing in a space: whoever may read it
      Map.entry(Action.READ_SPACE, rule(NOBODY, EnumSet.of(SPACE_MEMBER, OPEN_SPACE), "You cannot read this space.")),
      Map.entry(Action.POST, rule(NOBODY, EnumSet.of(SPACE_READER), "Only the people who read this space write in it.")),
      Map.entry(Action.RECORD_DECISION, rule(NOBODY, EnumSet.of(SPACE_READER), "Only the people who read this space record its decisions.")),
      Map.entry(Action.CHANGE_DECISION, rule(NOBODY, EnumSet.of(SPACE_READER), "Only the people who read this space change its decisions.")),
      Map.entry(Action.EDIT_RECORDING, rule(NOBODY, EnumSet.of(SPACE_READER), "Only the people who read this space edit its recordings.")),
      // things that belong to someone
      Map.entry(Action.DELETE_RECORDING, rule(ADMINS, EnumSet.of(UPLOADER),
          "Only whoever uploaded it, or an admin of the workspace, can delete this recording.")),
      Map.entry(Action.EDIT_POST, rule(NOBODY, EnumSet.of(AUTHOR), "Only whoever wrote it can edit this post.")),
      Map.entry(Action.DELETE_POST, rule(ADMINS, EnumSet.of(AUTHOR),
          "Only whoever wrote it, or an admin of the workspace, can delete this post.")),
      Map.entry(Action.SET_SLOW_MODE, rule(ADMINS, EnumSet.of(AUTHOR, SPACE_CREATOR),
          "Only the thread's author, the space's creator, or an admin of the workspace can set its slow mode.")),
      Map.entry(Action.MOVE_THREAD, rule(ADMINS, NONE, "Only the workspace's owner and admins move threads between spaces.")),
      Map.entry(Action.MARK_ASK_DONE, rule(NOBODY, EnumSet.of(ASSIGNEE), "Only the person it waits on can mark this ask done.")),
      Map.entry(Action.WITHDRAW_ASK, rule(NOBODY, EnumSet.of(ASKER), "Only the person who made this ask can withdraw it.")),
      // the workspace and its spaces
      Map.entry(Action.CREATE_SPACE, rule(NON_GUESTS, NONE, "Guests cannot create spaces.")),
      Map.entry(Action.ADD_SPACE_MEMBER, rule(ADMINS, EnumSet.of(SPACE_CREATOR, OPEN_SPACE),
          "Only the space's creator and the workspace's owner and admins add people to a private space; guests add nobody.")),
      Map.entry(Action.REMOVE_MEMBER, rule(ADMINS, NONE, "Only the workspace's owner and admins remove people from it.")),
      Map.entry(Action.REMOVE_SPACE_MEMBER, rule(ADMINS, NONE, "Only the workspace's owner and admins take people off a space.")),
      Map.entry(Action.INVITE, rule(NON_GUESTS, NONE, "Guests cannot invite people.")),
      Map.entry(Action.INVITE_ADMIN, rule(ADMINS, NONE, "Only owners and admins can invite admins.")),
      Map.entry(Action.SEE_MEMBER_LIST, rule(NON_GUESTS, NONE, "Guests see only the people of the spaces they were added to.")),
      Map.entry(Action.SEND_URGENT, rule(NON_GUESTS, NONE, "Guests cannot send urgent notifications.")),
      Map.entry(Action.SEE_URGENT_LOG, rule(ADMINS, NONE, "Only the workspace's owner and admins see and set this.")),
      Map.entry(Action.MANAGE_HOLIDAYS, rule(ADMINS, NONE, "Only the workspace's owner and admins keep its holidays.")),
      // sync sessions: whoever proposed one, or an admin, sends its invites
      Map.entry(Action.SCHEDULE_SYNC, rule(ADMINS, EnumSet.of(ORGANISER),
          "Only whoever proposed this session, or an admin of the workspace, schedules or cancels it.")),
      // sync sessions (issue 15): notes by who takes part, closing by who organised it; admins may do both
      Map.entry(Action.WRITE_SYNC_NOTES, rule(ADMINS, EnumSet.of(ORGANISER, PARTICIPANT),
          "Only the session's participants, and the workspace's owner and admins, write its notes.")),
      Map.entry(Action.CLOSE_SYNC_SESSION, rule(ADMINS, EnumSet.of(ORGANISER),
          "Only the session's organiser, or an owner or admin of the workspace, closes it.")),
      // the whole workspace out as an archive (issue 16): everything in it, private spaces too, so admins only
      Map.entry(Action.EXPORT_WORKSPACE, rule(ADMINS, NONE, "Only the workspace's owner and admins export it.")),

      // webhooks (issue 16): they hear the whole workspace's events, so only its owners and admins keep them
      Map.entry(Action.MANAGE_WEBHOOKS, rule(ADMINS, NONE, "Only the workspace's owner and admins manage its webhooks."))));

  private Permissions() {}

  /** The whole table, one rule per action: what docs/ARCHITECTURE.md renders and the access walk test reads. */
  public static Map<Action, Rule> table() {
    return TABLE;
  }

  public static Rule rule(Action action) {
    return TABLE.get(action);
  }

  /** Whether someone with this role and these relations may take the action: for pages, to offer only what works. */
  public static boolean can(Role role, Action action, Set<Relation> held) {
    return TABLE.get(action).allows(role, held);
  }

  public static boolean can(Role role, Action action, Relation... held) {
    return can(role, action, held.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(held)));
  }

  /** Refuses (403, the rule's own words) unless {@link #can} says yes. */
  public static void check(Role role, Action action, Relation... held) {
    if (!can(role, action, held)) throw Problem.forbidden(TABLE.get(action).refusal());
  }

  public static void check(Role role, Action action, Set<Relation> held) {
    if (!can(role, action, held)) throw Problem.forbidden(TABLE.get(action).refusal());
  }

  /** The same, refusing in the caller's words (which may name the person who may). */
  public static void check(Role role, Action action, Set<Relation> held, String refusal) {
    if (!can(role, action, held)) throw Problem.forbidden(refusal);
  }

  /** The relation a person holds when {@code yes}, else none: {@code relation(r.uploaderId() == me, UPLOADER)}. */
  public static Set<Relation> relation(boolean yes, Relation relation) {
    return yes ? EnumSet.of(relation) : Set.of();
  }

  private static Rule rule(Set<Role> roles, Set<Relation> relations, String refusal) {
    return new Rule(Collections.unmodifiableSet(roles), Collections.unmodifiableSet(relations), refusal);
  }

  private static Map<Action, Rule> table(Map<Action, Rule> rules) {
    EnumMap<Action, Rule> all = new EnumMap<>(rules);
    for (Action a : Action.values()) if (!all.containsKey(a)) throw new IllegalStateException("no rule for " + a);
    return Collections.unmodifiableMap(all);
  }
}
