package dev.longhand.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longhand.http.Problem;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table itself: complete, and saying what the checks it replaced said. */
class PermissionsTest {
  private static final Space OPEN = new Space(1, 1, "Product", "public", 0);
  private static final Space CLOSED = new Space(2, 1, "Leadership", "private", 0);

  @Test
  void everyActionHasARuleThatSaysWhoMay() {
    for (Action a : Action.values()) {
      Permissions.Rule rule = Permissions.rule(a);
      assertThat(rule).as(a.name()).isNotNull();
      assertThat(rule.refusal()).as(a.name()).isNotBlank();
      assertThat(rule.roles().isEmpty() && rule.relations().isEmpty()).as(a + " allows somebody").isFalse();
    }
  }

  @Test
  void theArchitectureNotesRenderEveryActionOfTheTable() throws java.io.IOException {
    String notes = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/ARCHITECTURE.md"));
    String section = notes.substring(notes.indexOf("## Permissions"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    for (Action a : Action.values()) assertThat(section).as(a.name()).contains("`" + a.name() + "`");
  }

  @Test
  void readingASpaceIsTheRuleItAlwaysWas() {
    for (Role role : Role.values()) {
      for (Space space : new Space[] {OPEN, CLOSED}) {
        for (boolean member : new boolean[] {true, false}) {
          boolean before = member || !(space.isPrivate() || role.isGuest());
          assertThat(Space.Access.mayRead(space, role, member)).as(role + " " + space.visibility() + " member=" + member).isEqualTo(before);
        }
      }
    }
  }

  @Test
  void ownersAndAdminsAdministerMembersAndGuestsDoNot() {
    for (Action a : Set.of(Action.SEE_URGENT_LOG, Action.MANAGE_HOLIDAYS, Action.INVITE_ADMIN, Action.MANAGE_WEBHOOKS)) {
      assertThat(Permissions.can(Role.OWNER, a)).as(a.name()).isTrue();
      assertThat(Permissions.can(Role.ADMIN, a)).as(a.name()).isTrue();
      assertThat(Permissions.can(Role.MEMBER, a)).as(a.name()).isFalse();
      assertThat(Permissions.can(Role.GUEST, a)).as(a.name()).isFalse();
    }
    for (Action a : Set.of(Action.CREATE_SPACE, Action.INVITE, Action.SEE_MEMBER_LIST, Action.SEND_URGENT)) {
      assertThat(Permissions.can(Role.MEMBER, a)).as(a.name()).isTrue();
      assertThat(Permissions.can(Role.GUEST, a)).as("guests may not " + a).isFalse();
    }
  }

  @Test
  void aRecordingIsDeletedByItsUploaderOrAnAdminOnly() {
    assertThat(Permissions.can(Role.GUEST, Action.DELETE_RECORDING, Relation.UPLOADER, Relation.SPACE_READER)).isTrue();
    assertThat(Permissions.can(Role.ADMIN, Action.DELETE_RECORDING, Relation.SPACE_READER)).isTrue();
    assertThat(Permissions.can(Role.MEMBER, Action.DELETE_RECORDING, Relation.SPACE_READER, Relation.SPACE_MEMBER)).isFalse();
    assertThatThrownBy(() -> Permissions.check(Role.MEMBER, Action.DELETE_RECORDING, Relation.SPACE_READER))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(403));
  }

  @Test
  void inAPrivateSpaceOnlyItsCreatorAndAdminsAddPeopleAndInAPublicOneAnyNonGuest() {
    var member = new Space.Access(CLOSED, Role.MEMBER, true);
    assertThat(Permissions.can(Role.MEMBER, Action.ADD_SPACE_MEMBER, member.relations())).isFalse();
    assertThat(Permissions.can(Role.MEMBER, Action.ADD_SPACE_MEMBER, member.relations(EnumSet.of(Relation.SPACE_CREATOR)))).isTrue();
    assertThat(Permissions.can(Role.ADMIN, Action.ADD_SPACE_MEMBER, new Space.Access(CLOSED, Role.ADMIN, true).relations())).isTrue();
    assertThat(Permissions.can(Role.MEMBER, Action.ADD_SPACE_MEMBER, new Space.Access(OPEN, Role.MEMBER, false).relations())).isTrue();
    assertThat(Permissions.can(Role.GUEST, Action.ADD_SPACE_MEMBER, new Space.Access(OPEN, Role.GUEST, true).relations())).isFalse();
  }

  @Test
  void asksAreDoneByTheirAssigneeAndWithdrawnByTheirAsker() {
    assertThat(Permissions.can(Role.OWNER, Action.MARK_ASK_DONE, Relation.SPACE_READER, Relation.ASKER)).isFalse();
    assertThat(Permissions.can(Role.GUEST, Action.MARK_ASK_DONE, Relation.SPACE_READER, Relation.ASSIGNEE)).isTrue();
    assertThat(Permissions.can(Role.OWNER, Action.WITHDRAW_ASK, Relation.SPACE_READER, Relation.ASSIGNEE)).isFalse();
    assertThat(Permissions.can(Role.MEMBER, Action.WITHDRAW_ASK, Relation.SPACE_READER, Relation.ASKER)).isTrue();
  }
}
