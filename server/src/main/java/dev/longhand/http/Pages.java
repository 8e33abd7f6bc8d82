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

  public void render(Context ctx, String template, Map<String, Object> model) {
    ctx.html(renderToString(ctx, template, model));
  }

  public String renderToString(Context ctx, String template, Map<String, Object> model) {
    Map<String, Object> params = new HashMap<>(model);
    params.put("page", pageContext(ctx));
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  public static PageContext pageContext(Context ctx) {
    String notice = ctx.queryParam("notice");
    return new PageContext(
        Optional.ofNullable(Requests.viewerOrNull(ctx)),
        Csrf.token(ctx),
        ctx.path(),
        Optional.ofNullable(notice).filter(n -> !n.isBlank() && n.length() < 200));
  }

  /** Redirect after a successful form post (POST/redirect/GET), with an optional notice. */
  public static void seeOther(Context ctx, String location) {
    ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
  }
}
