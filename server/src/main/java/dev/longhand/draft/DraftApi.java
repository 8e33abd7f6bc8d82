package dev.longhand.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import io.javalin.http.Context;

/** {@code GET}, {@code PUT} and {@code DELETE /api/v1/drafts/{key}}: the composers' drafts, each person's own. */
public final class DraftApi implements Router.Routes {
  private final DraftService drafts;
  private final ObjectMapper json;

  public DraftApi(DraftService drafts, ObjectMapper json) {
    this.drafts = drafts;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.get("/api/v1/drafts/{key}", Access.SIGNED_IN, ctx -> ctx.json(DraftJson.Draft.of(
        drafts.get(me(ctx), ctx.pathParam("key")).orElseThrow(() -> Problem.notFound("draft")))));
    r.put("/api/v1/drafts/{key}", Access.SIGNED_IN, ctx -> {
      String key = ctx.pathParam("key");
      Input in = Input.of(ctx, json);
      var saved = drafts.save(me(ctx), key, in.rawText("title", DraftService.TITLE_MAX), in.rawText("body", DraftService.BODY_MAX),
          in.optionalText("basedOn", 40).map(v -> Input.instant("basedOn", v)));
      if (saved.isPresent()) ctx.json(DraftJson.Draft.of(saved.get()));
      else ctx.status(204);
    });
    r.delete("/api/v1/drafts/{key}", Access.SIGNED_IN, ctx -> {
      drafts.discard(me(ctx), ctx.pathParam("key"));
      ctx.status(204);
    });
  }

  private static long me(Context ctx) {
    return Requests.viewer(ctx).accountId();
  }
}
