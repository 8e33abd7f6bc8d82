package dev.longhand.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Renders the precompiled JTE templates; every template gets {@code page}, a {@link PageContext}. */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final java.time.Clock clock;

  public Pages() {
    this(java.time.Clock.systemUTC());
  }

  /** Pages whose times ("12 min ago") are relative to {@code clock}'s now. */
  public Pages(java.time.Clock clock) {
    this.clock = clock;
  }

  public void render(Context ctx, String template, Map<String, Object> model) {
    ctx.html(renderToString(ctx, template, model));
  }

  public String renderToString(Context ctx, String template, Map<String, Object> model) {
    Map<String, Object> params = new HashMap<>(model);
    params.put("page", pageContext(ctx, clock));
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  public static PageContext pageContext(Context ctx) {
    return pageContext(ctx, java.time.Clock.systemUTC());
  }

  static PageContext pageContext(Context ctx, java.time.Clock clock) {
    String notice = ctx.queryParam("notice");
    return new PageContext(
        Optional.ofNullable(Requests.viewerOrNull(ctx)),
        Csrf.token(ctx),
        ctx.path(),
        Optional.ofNullable(notice).filter(n -> !n.isBlank() && n.length() < 200),
        clock);
  }

  /** Redirect after a successful form post (POST/redirect/GET), with an optional notice. */
  public static void seeOther(Context ctx, String location) {
    ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
  }
}
