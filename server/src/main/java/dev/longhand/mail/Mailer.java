package dev.longhand.mail;

import dev.longhand.store.Pipeline;
import org.jdbi.v3.core.Handle;

/**
 * Sends email through the SMTP server configured by {@code LONGHAND_SMTP_URL}; without it, email is switched off
 * and {@link #enabled()} says so (pages tell people). Mail is queued as due work in the caller's transaction and sent
 * after commit, with retries, so a rolled-back write never sends mail.
 */
public interface Mailer {
  boolean enabled();

  /** Queues a mail in the caller's transaction; does nothing when email is switched off. */
  void queue(Handle h, Mail mail);

  /** As {@link #queue(Handle, Mail)}, with the pipeline's other writes (sent at its flush). */
  default void queue(Pipeline p, Mail mail) {
    p.flush();
    queue(p.handle(), mail);
  }
}
