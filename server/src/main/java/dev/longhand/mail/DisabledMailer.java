package dev.longhand.mail;

import org.jdbi.v3.core.Handle;

/** Email switched off (no {@code LONGHAND_SMTP_URL}): nothing is queued or sent, and pages say so. */
public final class DisabledMailer implements Mailer {
  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public void queue(Handle h, Mail mail) {
    // email is off: the in-app side of a notification or digest is all there is
  }
}
