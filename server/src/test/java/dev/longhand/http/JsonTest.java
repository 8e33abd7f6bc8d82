package dev.longhand.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's mapper hands the buffers one thread gave back to the next thread that needs them. */
class JsonTest {
  @Test
  void buffersGivenBackOnOneThreadAreReusedOnAnother() throws Exception {
    ObjectMapper mapper = Json.mapper();
    RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();
    BufferRecycler[] first = new BufferRecycler[1];
    Thread.ofVirtual().start(() -> {
      first[0] = pool.acquireAndLinkPooled();
      first[0].releaseToPool();
    }).join();
    BufferRecycler[] second = new BufferRecycler[1];
    Thread.ofVirtual().start(() -> second[0] = pool.acquireAndLinkPooled()).join();
    assertThat(second[0]).as("every request runs on a virtual thread of its own: buffers kept per thread are never used twice")
        .isSameAs(first[0]);
    assertThat(mapper.writeValueAsString(Map.of("a", 1))).isEqualTo("{\"a\":1}");
  }
}
