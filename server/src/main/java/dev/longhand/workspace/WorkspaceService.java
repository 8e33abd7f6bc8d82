package dev.longhand.workspace;

import dev.longhand.account.Secrets;
import dev.longhand.event.MemberJoined;
import dev.longhand.event.MemberRemoved;
import dev.longhand.event.SpaceCreated;
import dev.longhand.event.SpaceMemberAdded;
import dev.longhand.event.SpaceMemberRemoved;
import dev.longhand.event.WorkspaceCreated;
import dev.longhand.http.Problem;
import dev.longhand.store.Database;
import dev.longhand.store.Ids;
import dev.longhand.store.Outbox;
import dev.longhand.store.VersionedMemory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Workspaces, invitations and spaces, and the access rules every other feature relies on:
 * {@link #accessWorkspace} and {@link #accessSpace} either return what the person may see or
 * answer "not found", the same for what does not exist and for what belongs to others.
 */
public final class WorkspaceService {
  static final Duration INVITATION_LIFETIME = Duration.ofDays(14);

  private final Database db;
  private final Ids ids;
  private final Clock clock;
  private final Outbox outbox;
  private final WorkspaceStore store = new WorkspaceStore();
  /** The readers of the spaces posted to lately, by their readers version ({@link #readersAt}). */
  private final VersionedMemory<Long, List<Long>> readerLists = new VersionedMemory<>(4096);

  public WorkspaceService(Database db, Ids ids, Clock clock, Outbox outbox) {
    this.db = db;
    this.ids = ids;
    this.clock = clock;
    this.outbox = outbox;
  }

  public Workspace createWorkspace(long ownerId, String name) {
    Workspace w = new Workspace(ids.next(), name, clock.millis());
    db.writeAll(h -> {
      store.insertWorkspace(h, w, ownerId);
      store.addMember(h, w.id(), ownerId, Role.OWNER, w.createdAt());
      outbox.append(h, w.id(), new WorkspaceCreated(w.id(), ownerId));
    });
    return w;
  }

  /** Whether the person's role in the workspace lets them take the action: what pages ask before offering it. */
  public boolean can(long accountId, long workspaceId, Action action) {
    return Permissions.can(accessWorkspace(accountId, workspaceId).role(), action);
  }

  public List<Workspace.Membership> workspacesOf(long accountId) {
    return db.read(h -> store.memberships(h, accountId));
  }

  public Workspace.Membership accessWorkspace(long accountId, long workspaceId) {
    return db.read(h -> store.membership(h, accountId, workspaceId)).orElseThrow(() -> Problem.notFound("workspace"));
  }

  /**
   * The people of a workspace the person may see: everyone, except for a guest, who sees only the readers of the
   * spaces they were added to ({@link Action#SEE_MEMBER_LIST}), and themselves.
   */
  public List<Workspace.Member> members(long accountId, long workspaceId) {
    Workspace.Membership m = accessWorkspace(accountId, workspaceId);
    if (!Permissions.can(m.role(), Action.SEE_MEMBER_LIST)) return db.read(h -> store.membersSharingSpaces(h, workspaceId, accountId));
    return db.read(h -> store.members(h, workspaceId));
  }

  /** Makes a one-use invitation link; returns its code, which is shown once and stored hashed. */
  public String invite(long accountId, long workspaceId, Role role) {
    Workspace.Membership m = accessWorkspace(accountId, workspaceId);
    if (role == Role.OWNER) throw Problem.invalid("role", "'role' must be one of admin, member, guest.");
    Permissions.check(m.role(), Action.INVITE);
    if (role == Role.ADMIN) Permissions.check(m.role(), Action.INVITE_ADMIN);
    String code = Secrets.newSecret("").substring(0, 32);
    long now = clock.millis();
    db.writeAll(h -> store.insertInvitation(h, Secrets.hash(code), workspaceId, role, accountId, now, now + INVITATION_LIFETIME.toMillis()));
    return code;
  }

  /** Whether an invitation link can still be used. */
  public enum InvitationState { OPEN, USED, EXPIRED }

  /**
   * An invitation as its link's holder sees it: the workspace, the role, who made it (whom to ask for a new one),
   * and whether it can still be used. {@code usedAt} is when it was used (0 if not); {@code usedByViewer} tells the
   * viewer the link was used by themselves. Who else used it is never told.
   */
  public record InvitationPreview(long workspaceId, String workspaceName, Role role, InvitationState state,
                                  String inviterName, long usedAt, long expiresAt, boolean usedByViewer, boolean viewerIsMember) {
    public boolean open() {
      return state == InvitationState.OPEN;
    }
  }

  /** The invitation behind a link, used or not; unknown codes are 404. {@code viewerId} is 0 when signed out. */
  public InvitationPreview previewInvitation(String code, long viewerId) {
    return db.read(h -> {
      if (code == null || code.length() != 32) throw Problem.notFound("invitation");
      WorkspaceStore.Invitation inv = store.invitation(h, Secrets.hash(code)).orElseThrow(() -> Problem.notFound("invitation"));
      InvitationState state = inv.acceptedBy() != null ? InvitationState.USED
          : inv.expiresAt() < clock.millis() ? InvitationState.EXPIRED : InvitationState.OPEN;
      boolean member = viewerId != 0 && store.membership(h, viewerId, inv.workspaceId()).isPresent();
      return new InvitationPreview(inv.workspaceId(), store.workspaceName(h, inv.workspaceId()).orElse(""), inv.role(), state,
          store.accountName(h, inv.createdBy()).orElse(""), inv.acceptedAt(), inv.expiresAt(),
          inv.acceptedBy() != null && viewerId != 0 && inv.acceptedBy() == viewerId, member);
    });
  }

  /**
   * An invitation link its maker may see again (after the POST that made it redirected): the link's code when
   * {@code code} is an open invitation to {@code workspaceId} made by {@code accountId}, else empty.
   */
  public Optional<String> ownOpenInvitation(long accountId, long workspaceId, String code) {
    if (code == null || code.length() != 32) return Optional.empty();
    return db.read(h -> store.invitation(h, Secrets.hash(code))
        .filter(inv -> inv.workspaceId() == workspaceId && inv.createdBy() == accountId && inv.acceptedBy() == null
            && inv.expiresAt() >= clock.millis())
        .map(inv -> code));
  }

  /**
   * Joins the workspace of the invitation a page path names ({@code /invitations/<code>}), as the last step of
   * signing up from that invitation, so the new account does not press Join as well. Empty when the path names no
   * invitation, or one that cannot be used any more (its page then says why).
   */
  public Optional<Workspace.Membership> joinFromInvitationPath(long accountId, String path) {
    java.util.regex.Matcher m = INVITATION_PATH.matcher(path == null ? "" : path);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(acceptInvitation(accountId, m.group(1)));
    } catch (Problem p) {
      if (p.status() >= 500) throw p;
      return Optional.empty();
    }
  }

  private static final java.util.regex.Pattern INVITATION_PATH = java.util.regex.Pattern.compile("/invitations/([A-Za-z0-9_-]{32})");

  public Workspace.Membership acceptInvitation(long accountId, String code) {
    long now = clock.millis();
    return db.write(h -> {
      WorkspaceStore.Invitation inv = usable(h, code);
      var existing = store.membership(h, accountId, inv.workspaceId());
      if (existing.isPresent()) return existing.get();
      if (store.markAccepted(h, Secrets.hash(code), accountId, now) == 0) throw Problem.notFound("invitation");
      store.addMember(h, inv.workspaceId(), accountId, inv.role(), now);
      outbox.append(h, inv.workspaceId(), new MemberJoined(inv.workspaceId(), accountId, inv.role().key()));
      return store.membership(h, accountId, inv.workspaceId()).orElseThrow();
    });
  }

  private WorkspaceStore.Invitation usable(Handle h, String code) {
    if (code == null || code.length() != 32) throw Problem.notFound("invitation");
    WorkspaceStore.Invitation inv = store.invitation(h, Secrets.hash(code)).orElseThrow(() -> Problem.notFound("invitation"));
    if (inv.acceptedBy() != null || inv.expiresAt() < clock.millis()) throw Problem.notFound("invitation");
    return inv;
  }

  public Space createSpace(long accountId, long workspaceId, String name, String visibility) {
    Workspace.Membership m = accessWorkspace(accountId, workspaceId);
    Permissions.check(m.role(), Action.CREATE_SPACE);
    Space s = new Space(ids.next(), workspaceId, name, visibility, clock.millis());
    db.writeAll(h -> {
      store.insertSpace(h, s, accountId);
      store.addSpaceMember(h, s.id(), workspaceId, accountId, s.createdAt());
      outbox.append(h, workspaceId, new SpaceCreated(s.id(), workspaceId));
    });
    return s;
  }

  public List<Space> spaces(long accountId, long workspaceId) {
    Workspace.Membership m = accessWorkspace(accountId, workspaceId);
    return db.read(h -> store.visibleSpaces(h, workspaceId, accountId, m.role().isGuest()));
  }

  /** Every space the person may read, across all their workspaces: what search filters on. */
  public List<Space> readableSpaces(long accountId) {
    return db.read(h -> store.readableSpaces(h, accountId));
  }

  /** A space the person may read, or "not found". */
  public Space.Access accessSpace(long accountId, long spaceId) {
    return db.read(h -> accessSpace(h, accountId, spaceId));
  }

  /** The same check inside a caller's transaction. */
  public Space.Access accessSpace(Handle h, long accountId, long spaceId) {
    Space s = store.space(h, spaceId).orElseThrow(() -> Problem.notFound("space"));
    Workspace.Membership m = store.membership(h, accountId, s.workspaceId()).orElseThrow(() -> Problem.notFound("space"));
    boolean member = store.isSpaceMember(h, spaceId, accountId);
    if (!Space.Access.mayRead(s, m.role(), member)) throw Problem.notFound("space");
    return new Space.Access(s, m.role(), member);
  }

  public void addSpaceMember(long accountId, long spaceId, long newMemberId) {
    db.writeAll(h -> {
      Space.Access access = accessSpace(h, accountId, spaceId);
      Permissions.check(access.role(), Action.ADD_SPACE_MEMBER, relations(h, accountId, access));
      if (store.membership(h, newMemberId, access.space().workspaceId()).isEmpty()) {
        throw Problem.invalid("accountId", "'accountId' must be a member of this workspace.");
      }
      store.addSpaceMember(h, spaceId, access.space().workspaceId(), newMemberId, clock.millis());
      outbox.append(h, access.space().workspaceId(), new SpaceMemberAdded(spaceId, newMemberId));
    });
  }

  /**
   * An owner or admin removes someone from the workspace, and so from all its spaces; their sessions and tokens lose
   * access with the commit, since every request looks the membership up. Only an owner removes an owner, and the last
   * owner stays. Someone who is not a member is "not found", like everything else one cannot see.
   */
  public void removeMember(long actorId, long workspaceId, long accountId) {
    db.writeAll(h -> {
      Workspace.Membership actor = store.membership(h, actorId, workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
      Permissions.check(actor.role(), Action.REMOVE_MEMBER);
      Workspace.Membership target = store.membership(h, accountId, workspaceId).orElseThrow(() -> Problem.notFound("member"));
      if (target.role() == Role.OWNER) {
        if (actor.role() != Role.OWNER) throw Problem.forbidden("Only an owner can remove an owner.");
        if (store.owners(h, workspaceId) <= 1) {
          throw Problem.conflict("accountId", "The last owner cannot be removed: a workspace always has an owner.");
        }
      }
      store.removeMember(h, workspaceId, accountId);
      outbox.append(h, workspaceId, new MemberRemoved(workspaceId, accountId, actorId));
    });
  }

  /**
   * An owner or admin takes someone off a space's members. In a public space a non-guest still reads it (as everyone
   * in the workspace does); anyone else loses it at once, and its threads leave their inbox.
   */
  public void removeSpaceMember(long actorId, long spaceId, long accountId) {
    db.writeAll(h -> {
      Space.Access access = accessSpace(h, actorId, spaceId);
      Permissions.check(access.role(), Action.REMOVE_SPACE_MEMBER);
      long workspaceId = access.space().workspaceId();
      Workspace.Membership target = store.membership(h, accountId, workspaceId).orElseThrow(() -> Problem.notFound("member"));
      if (store.removeSpaceMember(h, spaceId, accountId) == 0) throw Problem.notFound("member");
      if (!Space.Access.mayRead(access.space(), target.role(), false)) store.dropInbox(h, spaceId, accountId);
      outbox.append(h, workspaceId, new SpaceMemberRemoved(spaceId, accountId, actorId));
    });
  }

  /** Whether the person may remove people from the workspace: what the pages ask before offering Remove. */
  public static boolean mayRemove(Role actor, Role target) {
    return Permissions.can(actor, Action.REMOVE_MEMBER) && (target != Role.OWNER || actor == Role.OWNER);
  }

  /** How the person stands to a space they may read, their being its creator included. */
  public Set<Relation> relations(Handle h, long accountId, Space.Access access) {
    return access.relations(Permissions.relation(store.isSpaceCreator(h, access.space().id(), accountId), Relation.SPACE_CREATOR));
  }

  /** Whether the person may add people to this space: what the space page asks before offering it. */
  public boolean mayAddSpaceMembers(long accountId, Space.Access access) {
    Set<Relation> held = db.read(h -> relations(h, accountId, access));
    return Permissions.can(access.role(), Action.ADD_SPACE_MEMBER, held);
  }

  public List<Workspace.Member> spaceMembers(long accountId, long spaceId) {
    accessSpace(accountId, spaceId);
    return db.read(h -> store.spaceMembers(h, spaceId));
  }

  /** The people who may read a space (who a mention there reaches), by name. */
  public List<Workspace.Member> spaceReaders(long accountId, long spaceId) {
    Space.Access access = accessSpace(accountId, spaceId);
    return db.read(h -> {
      java.util.Set<Long> readers = new java.util.HashSet<>(readers(h, access.space()));
      return store.members(h, access.space().workspaceId()).stream().filter(m -> readers.contains(m.accountId())).toList();
    });
  }

  /**
   * How many times the space's readers, or how they follow it, have changed. Read it before {@link #readers}: a
   * thread that a post fanned out to those readers records it, and a change after that read makes the next post fan
   * out again (inbox.InboxService).
   */
  public long readersVersion(Handle h, long spaceId) {
    return store.readersVersion(h, spaceId);
  }

  /** Counts a change to how someone follows the space, in the caller's transaction (thread.Subscriptions). */
  public void readersChanged(Handle h, long spaceId) {
    store.readersChanged(h, spaceId);
  }

  /** Everyone who may read a space: its members, plus every non-guest of the workspace if it is public. */
  public List<Long> readers(Handle h, Space space) {
    return new ArrayList<>(store.readers(h, space));
  }

  /**
   * {@link #readers} as they were at {@code version}, the space's {@link #readersVersion} read before in the same
   * read: from memory when the space's readers were read at that version before (each reply batch and each new thread
   * read them, 50 rows for a team of 50). Every change to a space's readers counts a version (a member added or
   * removed, in the workspace or the space), so a version names one list. Remembered only from reads outside a
   * transaction, which see committed data alone: a version counted by a write that is then rolled back would name
   * another list later. Inside one (a scheduled post, or a read nested in a write, which takes the write's handle)
   * they are read as {@link #readers}.
   */
  public List<Long> readersAt(Handle h, Space space, long version) {
    if (h.isInTransaction()) return readers(h, space);
    return readerLists.get(space.id(), version, () -> List.copyOf(store.readers(h, space)));
  }

  /**
   * The space's readers as {@link #readersAt} remembered them at this version, else null: for a write that read the
   * version in its own transaction, which may use what is remembered but remembers nothing.
   */
  public List<Long> rememberedReaders(Space space, long version) {
    return readerLists.get(space.id(), version);
  }

  /** Everyone who may read the space with this id; nobody when there is no such space. */
  public List<Long> readers(Handle h, long spaceId) {
    return store.space(h, spaceId).map(s -> readers(h, s)).orElse(List.of());
  }

  /**
   * The people a post by {@code authorId} mentions ({@code handles}) who are among its {@code readers}; anyone else
   * mentioned is ignored, so nothing leaks.
   */
  public Set<Long> mentionedReaders(Handle h, long workspaceId, Set<String> handles, List<Long> readers, long authorId) {
    if (handles.isEmpty()) return Set.of();
    Set<Long> mayRead = new HashSet<>(readers);
    Set<Long> out = new HashSet<>();
    for (Workspace.Member m : membersByHandle(h, workspaceId, List.copyOf(handles))) {
      if (m.accountId() != authorId && mayRead.contains(m.accountId())) out.add(m.accountId());
    }
    return out;
  }

  /** Resolves @handles to the workspace members they name. */
  public List<Workspace.Member> membersByHandle(Handle h, long workspaceId, List<String> handles) {
    if (handles.isEmpty()) return List.of();
    return store.members(h, workspaceId).stream().filter(m -> handles.contains(m.handle())).toList();
  }
}
