package dev.longhand.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the health routes answer: {@code ok} (alive), {@code ready} or {@code not ready}, and what is failing when
 * not ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(String status, List<String> failing) {
  public static final Health OK = new Health("ok", null);
}
