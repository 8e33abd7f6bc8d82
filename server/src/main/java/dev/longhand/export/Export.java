package dev.longhand.export;

import java.util.Locale;

/** One export of a workspace: who asked, how far it is ({@code done} of {@code total} rows and media files), and its archive's size once done. */
public record Export(long id, long workspaceId, long requestedBy, Status status, long done, long total, Long size, String error,
              long createdAt, Long finishedAt) {

  public enum Status {
    QUEUED, RUNNING, DONE, FAILED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status of(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }

  public boolean finished() {
    return status == Status.DONE || status == Status.FAILED;
  }

  /** Whole percent done, for the page's progress bar. */
  public int percent() {
    if (status == Status.DONE) return 100;
    return total <= 0 ? 0 : (int) Math.min(99, done * 100 / total);
  }
}
