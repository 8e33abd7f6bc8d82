package dev.longhand.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.store.Ids;
import io.javalin.http.Context;
import java.util.List;

/** REST handlers for workspaces, invitations, spaces and space members. */
public final class WorkspaceApi implements Router.Routes {
  private final WorkspaceService workspaces;
  private final ObjectMapper json;

  public WorkspaceApi(WorkspaceService workspaces, ObjectMapper json) {
    this.workspaces = workspaces;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/workspaces", Access.SIGNED_IN, this::create);
    r.get("/api/v1/workspaces", Access.SIGNED_IN, this::list);
    r.get("/api/v1/workspaces/{id}/members", Access.SIGNED_IN, this::members);
    r.post("/api/v1/workspaces/{id}/invitations", Access.SIGNED_IN, this::invite);
    r.post("/api/v1/invitations/{code}/accept", Access.SIGNED_IN, this::accept);
    r.post("/api/v1/workspaces/{id}/spaces", Access.SIGNED_IN, this::createSpace);
    r.get("/api/v1/workspaces/{id}/spaces", Access.SIGNED_IN, this::spaces);
    r.get("/api/v1/spaces/{id}", Access.SIGNED_IN, this::space);
    r.post("/api/v1/spaces/{id}/members", Access.SIGNED_IN, this::addSpaceMember);
    r.get("/api/v1/spaces/{id}/members", Access.SIGNED_IN, this::spaceMembers);
    r.delete("/api/v1/workspaces/{id}/members/{accountId}", Access.SIGNED_IN, this::removeMember);
    r.delete("/api/v1/spaces/{id}/members/{accountId}", Access.SIGNED_IN, this::removeSpaceMember);
  }

  private void removeMember(Context ctx) {
    workspaces.removeMember(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "workspace"), Requests.pathId(ctx, "accountId", "member"));
    ctx.status(204);
  }

  private void removeSpaceMember(Context ctx) {
    workspaces.removeSpaceMember(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space"), Requests.pathId(ctx, "accountId", "member"));
    ctx.status(204);
  }

  private void create(Context ctx) {
    String name = Input.of(ctx, json).text("name", 100);
    Workspace w = workspaces.createWorkspace(Requests.viewer(ctx).accountId(), name);
    ctx.status(201).json(new WorkspaceJson.Membership(String.valueOf(w.id()), w.name(), "owner"));
  }

  private void list(Context ctx) {
    ctx.json(new WorkspaceJson.Workspaces(workspaces.workspacesOf(Requests.viewer(ctx).accountId()).stream()
        .map(m -> new WorkspaceJson.Membership(String.valueOf(m.workspace().id()), m.workspace().name(), m.role().key()))
        .toList()));
  }

  private void members(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    ctx.json(new WorkspaceJson.Members(WorkspaceJson.Member.all(workspaces.members(Requests.viewer(ctx).accountId(), ws))));
  }

  private void invite(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Role role = Role.of(Input.of(ctx, json).oneOf("role", Role.INVITABLE, null));
    String code = workspaces.invite(Requests.viewer(ctx).accountId(), ws, role);
    ctx.status(201).json(new WorkspaceJson.Invitation(code, role.key(), "/invitations/" + code));
  }

  private void accept(Context ctx) {
    Workspace.Membership m = workspaces.acceptInvitation(Requests.viewer(ctx).accountId(), ctx.pathParam("code"));
    ctx.json(new WorkspaceJson.Accepted(String.valueOf(m.workspace().id()), m.role().key()));
  }

  private void createSpace(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    Input in = Input.of(ctx, json);
    String name = in.text("name", 100);
    String visibility = in.oneOf("visibility", List.of("public", "private"), "public");
    Space s = workspaces.createSpace(Requests.viewer(ctx).accountId(), ws, name, visibility);
    ctx.status(201).json(WorkspaceJson.SpaceView.of(s));
  }

  private void spaces(Context ctx) {
    long ws = Requests.pathId(ctx, "id", "workspace");
    ctx.json(new WorkspaceJson.Spaces(workspaces.spaces(Requests.viewer(ctx).accountId(), ws).stream().map(WorkspaceJson.SpaceView::of).toList()));
  }

  private void space(Context ctx) {
    ctx.json(WorkspaceJson.SpaceView.of(workspaces.accessSpace(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "space")).space()));
  }

  private void addSpaceMember(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    String raw = Input.of(ctx, json).text("accountId", 20);
    long accountId = Ids.parse(raw);
    if (accountId < 0) throw Problem.invalid("accountId", "'accountId' must be an account id.");
    workspaces.addSpaceMember(Requests.viewer(ctx).accountId(), space, accountId);
    ctx.status(201).json(new WorkspaceJson.SpaceMemberAdded(String.valueOf(space), String.valueOf(accountId)));
  }

  private void spaceMembers(Context ctx) {
    long space = Requests.pathId(ctx, "id", "space");
    ctx.json(new WorkspaceJson.Members(WorkspaceJson.Member.all(workspaces.spaceMembers(Requests.viewer(ctx).accountId(), space))));
  }
}
