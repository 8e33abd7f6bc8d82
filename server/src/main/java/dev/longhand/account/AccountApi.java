package dev.longhand.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longhand.http.Access;
import dev.longhand.http.Input;
import dev.longhand.http.Problem;
import dev.longhand.http.Requests;
import dev.longhand.http.Router;
import dev.longhand.time.WorkingRange;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** REST handlers for accounts, tokens and one's own schedule. */
public final class AccountApi implements Router.Routes {
  private final AccountService accounts;
  private final AccountRecovery recovery;
  private final ObjectMapper json;

  public AccountApi(AccountService accounts, AccountRecovery recovery, ObjectMapper json) {
    this.accounts = accounts;
    this.recovery = recovery;
    this.json = json;
  }

  @Override
  public void register(Router r) {
    r.post("/api/v1/accounts", Access.ANYONE, this::signUp);
    r.post("/api/v1/tokens", Access.ANYONE, this::issueToken);
    r.get("/api/v1/tokens", Access.SIGNED_IN, this::listTokens);
    r.delete("/api/v1/tokens/{id}", Access.SIGNED_IN, this::revokeToken);
    r.get("/api/v1/me", Access.SIGNED_IN, this::me);
    r.put("/api/v1/me/schedule", Access.SIGNED_IN, this::updateSchedule);
    r.put("/api/v1/me", Access.SIGNED_IN, this::rename);
    r.put("/api/v1/me/password", Access.SIGNED_IN, this::changePassword);
    r.delete("/api/v1/me/sessions", Access.SIGNED_IN, this::endSessions);
    r.post("/api/v1/me/email", Access.SIGNED_IN, this::changeEmail);
    r.post("/api/v1/email-changes/{token}", Access.ANYONE, this::confirmEmail);
    r.put("/api/v1/me/avatar", Access.SIGNED_IN, this::putAvatar);
    r.delete("/api/v1/me/avatar", Access.SIGNED_IN, this::deleteAvatar);
    r.post("/api/v1/password-resets", Access.ANYONE, this::requestReset);
    r.post("/api/v1/password-resets/{token}", Access.ANYONE, this::reset);
  }

  private void rename(Context ctx) {
    String name = Input.of(ctx, json).text("name", 100);
    long me = Requests.viewer(ctx).accountId();
    ctx.json(AccountJson.Me.of(accounts.rename(me, name), accounts.avatarUrl(me)));
  }

  private void changePassword(Context ctx) {
    Input in = Input.of(ctx, json);
    String current = in.has("currentPassword") ? in.body("currentPassword", AccountService.MAX_PASSWORD) : "";
    String next = in.has("newPassword") ? in.body("newPassword", AccountService.MAX_PASSWORD) : "";
    accounts.changePassword(Requests.viewer(ctx).accountId(), current, next, currentSession(ctx), Requests.clientAddress(ctx));
    ctx.status(204);
  }

  private void endSessions(Context ctx) {
    accounts.endSessions(Requests.viewer(ctx).accountId(), null);
    ctx.status(204);
  }

  private void changeEmail(Context ctx) {
    Input in = Input.of(ctx, json);
    String email = in.text("email", 320);
    String password = in.has("password") ? in.body("password", AccountService.MAX_PASSWORD) : "";
    String sentTo = recovery.requestEmailChange(Requests.viewer(ctx).accountId(), email, password, Requests.clientAddress(ctx));
    ctx.status(202).json(new AccountJson.EmailChangeSent(sentTo));
  }

  private void confirmEmail(Context ctx) {
    recovery.confirmEmailChange(ctx.pathParam("token"));
    ctx.status(204);
  }

  private void putAvatar(Context ctx) throws java.io.IOException {
    long me = Requests.viewer(ctx).accountId();
    if (ctx.req().getContentLengthLong() > Avatars.MAX_BYTES) {
      throw Problem.tooLarge("file", "A picture may be at most " + (Avatars.MAX_BYTES >> 20) + " MB.");
    }
    byte[] upload = ctx.req().getInputStream().readNBytes(Avatars.MAX_BYTES + 1);
    accounts.setAvatar(me, upload);
    ctx.json(new AccountJson.Avatar(accounts.avatarUrl(me)));
  }

  private void deleteAvatar(Context ctx) {
    accounts.removeAvatar(Requests.viewer(ctx).accountId());
    ctx.status(204);
  }

  private void requestReset(Context ctx) {
    recovery.requestReset(Input.of(ctx, json).text("email", 320));
    ctx.status(202);
  }

  private void reset(Context ctx) {
    Input in = Input.of(ctx, json);
    String password = in.has("password") ? in.body("password", AccountService.MAX_PASSWORD) : "";
    recovery.resetPassword(ctx.pathParam("token"), password);
    ctx.status(204);
  }

  /** The session cookie when the request came with one (a page's script), so it survives; null for a token. */
  private static String currentSession(Context ctx) {
    return Requests.viewer(ctx).bySession() ? ctx.cookie(dev.longhand.http.WebServer.SESSION_COOKIE) : null;
  }

  private void signUp(Context ctx) {
    Input in = Input.of(ctx, json);
    Account a = accounts.signUp(new AccountService.SignUp(in.text("email", 320), in.text("name", 100), in.body("password", 200),
        in.optionalText("timeZone", 64).orElse("")));
    ctx.status(201).json(AccountJson.SignedUp.of(a));
  }

  private void issueToken(Context ctx) {
    Input in = Input.of(ctx, json);
    String email = in.text("email", 320);
    String password = in.body("password", 200);
    String label = in.optionalText("label", 100).orElse("API token");
    Account a = accounts.checkPassword(email, password, Requests.clientAddress(ctx));
    AccountService.IssuedToken t = accounts.issueToken(a.id(), label);
    ctx.status(201).json(new AccountJson.Issued(String.valueOf(t.id()), t.token(), label));
  }

  private void listTokens(Context ctx) {
    List<AccountJson.Token> items = accounts.tokens(Requests.viewer(ctx).accountId()).stream()
        .map(t -> new AccountJson.Token(String.valueOf(t.id()), t.label(), AccountJson.instant(t.createdAt()), t.active()))
        .toList();
    ctx.json(new AccountJson.Tokens(items));
  }

  private void revokeToken(Context ctx) {
    accounts.revokeToken(Requests.viewer(ctx).accountId(), Requests.pathId(ctx, "id", "token"));
    ctx.status(204);
  }

  private void me(Context ctx) {
    long me = Requests.viewer(ctx).accountId();
    ctx.json(AccountJson.Me.of(accounts.account(me), accounts.avatarUrl(me)));
  }

  private void updateSchedule(Context ctx) {
    Input in = Input.of(ctx, json);
    String zone = in.text("timeZone", 64);
    List<WorkingRange> ranges = new ArrayList<>();
    for (Input item : in.objects("workingHours")) ranges.add(range(item));
    long me = Requests.viewer(ctx).accountId();
    ctx.json(AccountJson.Me.of(accounts.updateSchedule(me, new AccountService.Schedule(zone, ranges)), accounts.avatarUrl(me)));
  }

  static WorkingRange range(Input item) {
    String day = item.text("day", 10).toUpperCase(Locale.ROOT);
    DayOfWeek dow;
    try {
      dow = DayOfWeek.valueOf(day);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("workingHours.day", "'day' must be a weekday such as MONDAY, not '" + day + "'.");
    }
    LocalTime start = time(item, "start");
    LocalTime end = time(item, "end");
    if (start.equals(end)) throw Problem.invalid("workingHours.end", "A working range cannot start and end at the same time.");
    return new WorkingRange(dow, start, end);
  }

  private static LocalTime time(Input item, String field) {
    String text = item.text(field, 5);
    try {
      if (!text.matches("\\d{2}:\\d{2}")) throw new DateTimeParseException("", text, 0);
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalid("workingHours." + field, "'" + field + "' must be a time as HH:MM, not '" + text + "'.");
    }
  }
}
