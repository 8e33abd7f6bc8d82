package dev.longhand.file;

import java.util.Optional;

/**
 * A file uploaded into a space: its name as the uploader's computer called it, its type as read from its content,
 * and the keys of its bytes (and of its thumbnail, for an image small enough to read) in {@link FileStorage}.
 * Whoever may read the space may read the file; nobody else learns it exists.
 */
public record StoredFile(long id, long workspaceId, long spaceId, long uploaderId, String name, String contentType, long size,
                         String storageKey, Optional<Integer> width, Optional<Integer> height, Optional<String> thumbnailKey,
                         Optional<String> thumbnailType, long createdAt) {

  public boolean isImage() {
    return ContentSniffer.IMAGES.contains(contentType);
  }

  public boolean hasThumbnail() {
    return thumbnailKey.isPresent();
  }

  /** Where pages (and API clients with a token) read it; what Markdown refers to. */
  public String path() {
    return "/files/" + id;
  }

  public String thumbnailPath() {
    return path() + "/thumbnail";
  }

  /** What the composer inserts: an image ({@code ![name](/files/1)}) or a link ({@code [name](/files/1)}). */
  public String markdown() {
    String label = name.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("\n", " ").replace("\r", " ");
    return (isImage() ? "!" : "") + "[" + label + "](" + path() + ")";
  }
}
