package dev.longhand.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events to their stored form and back; what does not decode says why. */
class EventCodecTest {
  private final EventCodec codec = new EventCodec(new ObjectMapper());

  @Test
  void everyKindComesBackAsItWent() throws Exception {
    List<DomainEvent> events = List.of(new ReplyAdded(1, 2, 3, 4), new AsksDone(List.of(5L, 6L), 7),
        new DecisionChanged(8, List.of("status")), new ThreadResolved(9, "answer", 10, null), new ThreadResolved(9, "decision", 10, 11L),
        new MemberJoined(12, 13, "guest"), new DocumentSaved(14, 3));
    for (DomainEvent e : events) assertThat(codec.decode(codec.kind(e), codec.payload(e))).isEqualTo(e);
  }

  @Test
  void theStoredFormKeepsTheOldNamesAndAddsTheVersion() {
    assertThat(codec.kind(new ReplyAdded(1, 2, 3, 4))).isEqualTo("ReplyAdded");
    assertThat(codec.payload(new ReplyAdded(1, 2, 3, 4))).isEqualTo("{\"threadId\":1,\"replyId\":2,\"spaceId\":3,\"authorId\":4,\"v\":1}");
    assertThat(codec.payload(new ThreadResolved(9, "answer", 10, null))).doesNotContain("decisionId");
  }

  @Test
  void aPayloadFromBeforeVersionsIsVersionOne() throws Exception {
    assertThat(codec.decode("ThreadPosted", "{\"threadId\":1,\"spaceId\":2,\"authorId\":3}")).isEqualTo(new ThreadPosted(1, 2, 3));
    assertThat(codec.decode("ThreadResolved", "{\"threadId\":1,\"outcome\":\"dropped\",\"accountId\":3}"))
        .isEqualTo(new ThreadResolved(1, "dropped", 3, null));
  }

  @Test
  void whatIsMissingOrWrongDoesNotDecode() {
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{\"threadId\":1,\"spaceId\":2}")).hasMessageContaining("authorId");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{\"threadId\":1,\"spaceId\":2,\"authorId\":null}")).hasMessageContaining("authorId");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{\"threadId\":1,\"spaceId\":2,\"authorId\":\"x\"}")).hasMessageContaining("wrong type");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{\"threadId\":1.5,\"spaceId\":2,\"authorId\":3}")).hasMessageContaining("wrong type");
    assertThatThrownBy(() -> codec.decode("AsksDone", "{\"threadId\":1}")).hasMessageContaining("askIds");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{\"threadId\":1,\"spaceId\":2,\"authorId\":3,\"v\":2}")).hasMessageContaining("version 2");
    assertThatThrownBy(() -> codec.decode("NoteWritten", "{}")).hasMessageContaining("unknown kind");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> codec.decode("ThreadPosted", "{")).hasMessageContaining("not JSON");
  }

  @Test
  void kindsAreNamedOnceAndListed() {
    assertThat(EventCodec.all()).hasSize(DomainEvent.class.getPermittedSubclasses().length);
    assertThat(EventCodec.of(ThreadResolved.class).fields()).extracting(EventCodec.Field::required).containsExactly(true, true, true, false);
  }
}
