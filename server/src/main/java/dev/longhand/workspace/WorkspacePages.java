package dev.longhand.workspace;

import dev.longhand.account.AfterSignUp;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Pages;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import dev.longhand.time.LocalTimes;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Pages: the home page (your workspaces), a workspace (spaces, people, invitations), accepting an invitation. */
public final class WorkspacePages implements Router.Routes {
  private final WorkspaceService workspaces;
  private final Pages pages;
  private final String baseUrl;
  private final LocalTimes localTimes;

  /** {@code baseUrl} is the configured public address; when blank, links use the address the request came to. */
  public WorkspacePages(WorkspaceService workspaces, Pages pages, String baseUrl, LocalTimes localTimes) {
    this.workspaces = workspaces;
    this.pages = pages;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.localTimes = localTimes;
  }

  @Override
  public void register(Router r) {
    r.get("/", Access.SIGNED_IN, this::home);
    r.post("/workspaces", Access.SIGNED_IN, this::createWorkspace);
    r.get("/workspaces/{id}", Access.SIGNED_IN, this::showWorkspace);
    r.post("/workspaces/{id}/spaces", Access.SIGNED_IN, this::createSpace);
    r.post("/workspaces/{id}/invitations", Access.SIGNED_IN, this::invite);
    r.get("/invitations/{code}", Access.ANYONE, this::showInvitation);
    r.post("/invitations/{code}/accept", Access.SIGNED_IN, this::accept);
    r.post("/spaces/{id}/members", Access.SIGNED_IN, this::addSpaceMember);
    r.post("/workspaces/{id}/members/{accountId}/remove", Access.SIGNED_IN, this::removeMember);
    r.post("/spaces/{id}/members/{accountId}/remove", Access.SIGNED_IN, this::removeSpaceMember);
  }

  private void removeMember(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    workspaces.removeMember(Requests.viewer(ctx).accountId(), ws, Requests.pathId(ctx, "accountId", "member"));
    Pages.seeOther(ctx, "/workspaces/" + ws + "?notice=" + notice(ctx, "removed from the workspace"));
  }

  private void removeSpaceMember(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    workspaces.removeSpaceMember(Requests.viewer(ctx).accountId(), space, Requests.pathId(ctx, "accountId", "member"));
    Pages.seeOther(ctx, "/spaces/" + space + "?notice=" + notice(ctx, "taken off this space"));
  }

  /** "Bo Park was removed from the workspace.", with the name the confirming form carried (shown as text, never markup). */
  private static String notice(Context ctx, String what) {
    String name = ctx.formParam("name");
    String text = name == null || name.isBlank() || name.length() > 100 ? "Removed." : name.strip() + " was " + what + ".";
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private void home(Context ctx) {
    pages.render(ctx, "workspace/home.jte", Map.of("memberships", workspaces.workspacesOf(Requests.viewer(ctx).accountId())));
  }

  private void createWorkspace(Context ctx) {
    String name = Input.ofForm(ctx).text("name", 100);
    Workspace w = workspaces.createWorkspace(Requests.viewer(ctx).accountId(), name);
    Pages.seeOther(ctx, "/workspaces/" + w.id());
  }

  /**
   * The workspace page; after making an invitation ({@code ?invitation=<code>}, see {@link #invite}) it shows that
   * link again to the person who made it, while it is open, so a reload neither makes another nor loses this one.
   */
  private void showWorkspace(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    long ws = Requests.pathId(ctx, "id", "workspace");
    Workspace.Membership m = workspaces.accessWorkspace(me, ws);
    String inviteUrl = workspaces.ownOpenInvitation(me, ws, ctx.queryParam("invitation"))
        .map(code -> base(ctx) + "/invitations/" + code).orElse(null);
    Map<String, Object> model = new HashMap<>();
    model.put("membership", m);
    model.put("canCreateSpace", Permissions.can(m.role(), Action.CREATE_SPACE));
    model.put("canInvite", Permissions.can(m.role(), Action.INVITE));
    model.put("canInviteAdmin", Permissions.can(m.role(), Action.INVITE_ADMIN));
    model.put("canSeeUrgentLog", Permissions.can(m.role(), Action.SEE_URGENT_LOG));
    model.put("canExport", Permissions.can(m.role(), Action.EXPORT_WORKSPACE));
    model.put("canManageWebhooks", Permissions.can(m.role(), Action.MANAGE_WEBHOOKS));
    model.put("viewerId", me);
    model.put("spaces", workspaces.spaces(me, ws));
    var members = workspaces.members(me, ws);
    model.put("members", members);
    model.put("times", localTimes.of(members.stream().map(Workspace.Member::accountId).toList()));
    if (inviteUrl != null) model.put("inviteUrl", inviteUrl);
    pages.render(ctx, "workspace/workspace.jte", model);
  }

  private void createSpace(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    String name = Input.ofForm(ctx).text("name", 100);
    String visibility = "private".equals(ctx.formParam("visibility")) ? "private" : "public";
    Space s = workspaces.createSpace(Requests.viewer(ctx).accountId(), ws, name, visibility);
    Pages.seeOther(ctx, "/spaces/" + s.id());
  }

  private void invite(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    String roleKey = ctx.formParam("role");
    if (roleKey == null || !Role.INVITABLE.contains(roleKey)) throw Problem.invalid("role", "Choose admin, member or guest.");
    String code = workspaces.invite(Requests.viewer(ctx).accountId(), ws, Role.of(roleKey));
    // POST/redirect/GET: a reload shows the same link instead of making another.
    Pages.seeOther(ctx, "/workspaces/" + ws + "?invitation=" + code + "#invite");
  }

  private String base(Context ctx) {
    return baseUrl.isBlank() ? ctx.scheme() + "://" + ctx.host() : baseUrl;
  }

  /** An invitation's page: join, or sign up or in to join; a used or expired one says so and whom to ask for another. */
  private void showInvitation(Context ctx) {
    String code = ctx.pathParam("code");
    var viewer = Requests.viewerOrNull(ctx);
    WorkspaceService.InvitationPreview preview = workspaces.previewInvitation(code, viewer == null ? 0 : viewer.accountId());
    if (!preview.open() && !preview.viewerIsMember()) ctx.status(410);
    pages.render(ctx, "workspace/invitation.jte", Map.of("preview", preview, "code", code));
  }

  private void accept(Context ctx) {
    Pages.seeOther(ctx, welcome(workspaces.acceptInvitation(Requests.viewer(ctx).accountId(), ctx.pathParam("code"))));
  }

  private static String welcome(Workspace.Membership m) {
    return "/workspaces/" + m.workspace().id() + "?notice=Welcome+to+" + java.net.URLEncoder.encode(m.workspace().name(), java.nio.charset.StandardCharsets.UTF_8) + ".";
  }

  /** Signing up from an invitation's page joins its workspace at once and lands there (see {@link AfterSignUp}). */
  public static AfterSignUp joinInvitationOnSignUp(WorkspaceService workspaces) {
    return (accountId, next) -> workspaces.joinFromInvitationPath(accountId, next).map(WorkspacePages::welcome).orElse(next);
  }

  private void addSpaceMember(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    long account = Ids.parse(ctx.formParam("accountId"));
    if (account < 0) throw Problem.invalid("accountId", "Choose a person to add.");
    workspaces.addSpaceMember(Requests.viewer(ctx).accountId(), space, account);
    Pages.seeOther(ctx, "/spaces/" + space + "?notice=Added.");
  }
}
