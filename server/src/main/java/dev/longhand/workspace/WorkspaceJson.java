package dev.longhand.workspace;

import java.util.List;

/** The JSON the workspace API answers, one record per shape in openapi.json; ids as strings. */
final class WorkspaceJson {
  private WorkspaceJson() {}

  /** A workspace with the viewer's role in it. */
  record Membership(String id, String name, String role) {}

  record Workspaces(List<Membership> workspaces) {}

  /** {@code Member}: a person in a workspace or space, with their role. */
  record Member(String id, String name, String handle, String timeZone, String role) {
    static List<Member> all(List<Workspace.Member> members) {
      return members.stream().map(m -> new Member(String.valueOf(m.accountId()), m.name(), m.handle(), m.timeZone(),
          m.role().key())).toList();
    }
  }

  record Members(List<Member> members) {}

  record Invitation(String code, String role, String url) {}

  record Accepted(String workspaceId, String role) {}

  /** {@code Space}. */
  record SpaceView(String id, String workspaceId, String name, String visibility) {
    static SpaceView of(Space s) {
      return new SpaceView(String.valueOf(s.id()), String.valueOf(s.workspaceId()), s.name(), s.visibility());
    }
  }

  record Spaces(List<SpaceView> spaces) {}

  record SpaceMemberAdded(String spaceId, String accountId) {}
}
