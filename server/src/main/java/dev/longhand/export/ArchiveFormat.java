package dev.longhand.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The workspace archive's format (docs/EXPORT.md), as data: each kind of row is one JSON Lines entry, read from one
 * table, with what each column is. Export and import both walk this list, so a column added to a kind is exported
 * and imported by adding it here. Kinds are listed in the order the import writes them (what a row refers to first).
 */
final class ArchiveFormat {
  /** Raised when the archive's shape changes incompatibly; an importer refuses a version it does not know. */
  static final int VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String FORMAT_NAME = "longhand-workspace";
  /** Where the bytes of recordings and files are in the archive: {@code media/recordings/<old id>}, {@code media/files/<key>}. */
  static final String RECORDING_MEDIA = "media/recordings/";
  static final String FILE_MEDIA = "media/files/";

  /** What a column holds, which says how it is written to JSON and what the import does with it. */
  enum Type {
    /** The row's own id: exported as a string, given a new id on import. */
    ID,
    /** The exported workspace's id: becomes the new workspace's id. */
    WORKSPACE,
    /** An id of another exported row (a space, a thread, a post ...): mapped to its new id; unknown ones become null. */
    REF,
    /** Like {@link #REF}, but set after the kind's rows are all written (a decision superseded by a later one). */
    LATE_REF,
    /** An account's id: mapped to the account it was matched with or made for. */
    PERSON,
    /** A whole number. */
    NUMBER,
    /** Text as it is. */
    TEXT,
    /** Markdown written by people: links to exported things (/threads/12, /files/34) and @handles follow the import. */
    PROSE,
    /** A recording's media file name: its bytes are the entry {@link #RECORDING_MEDIA} + the row's id. */
    RECORDING_FILE,
    /** A file's storage key: its bytes are the entry {@link #FILE_MEDIA} + the key. */
    FILE_KEY
  }

  record Column(String name, Type type) {
    /** The field's name in the archive: the column's, in camelCase. */
    String field() {
      StringBuilder b = new StringBuilder();
      boolean up = false;
      for (char c : name.toCharArray()) {
        if (c == '_') {
          up = true;
        } else {
          b.append(up ? Character.toUpperCase(c) : c);
          up = false;
        }
      }
      return b.toString();
    }
  }

  /**
   * One kind: its entry {@code <name>.jsonl}, its table, its columns, which rows belong to the workspace (a condition
   * on {@code :ws}) and their order (the order they were written).
   */
  record Kind(String name, String table, List<Column> columns, String where, String orderBy) {
    String entry() {
      return name + ".jsonl";
    }

    Optional<Column> id() {
      return columns.stream().filter(c -> c.type() == Type.ID).findFirst();
    }

    List<Column> of(Type type) {
      return columns.stream().filter(c -> c.type() == type).toList();
    }
  }

  /** People are their own kind: who was a member (with role) and everyone else whose name is on something exported. */
  static final Kind PEOPLE = kind("people", "accounts",
      "id:ID email:TEXT name:TEXT handle:TEXT time_zone:TEXT created_at:NUMBER role:TEXT joined_at:NUMBER", "", "id");

  static final String IN_WORKSPACE = "workspace_id = :ws";

  /** Everything else, in import order. */
  static final List<Kind> KINDS = List.of(
      kind("workingHours", "working_hours", "account_id:PERSON day:NUMBER start_minute:NUMBER end_minute:NUMBER",
          "account_id IN (SELECT account_id FROM workspace_members WHERE workspace_id = :ws)", "account_id, day, start_minute"),
      kind("spaces", "spaces", "id:ID workspace_id:WORKSPACE name:TEXT visibility:TEXT created_by:PERSON created_at:NUMBER",
          IN_WORKSPACE, "id"),
      kind("spaceMembers", "space_members", "space_id:REF account_id:PERSON workspace_id:WORKSPACE added_at:NUMBER",
          IN_WORKSPACE, "space_id, account_id"),
      kind("files", "files", "id:ID workspace_id:WORKSPACE space_id:REF uploader_id:PERSON name:TEXT content_type:TEXT "
          + "size_bytes:NUMBER storage_key:FILE_KEY width:NUMBER height:NUMBER thumbnail_key:FILE_KEY thumbnail_type:TEXT "
          + "created_at:NUMBER", IN_WORKSPACE, "id"),
      kind("threads", "threads", "id:ID workspace_id:WORKSPACE space_id:REF author_id:PERSON title:TEXT body:PROSE "
          + "created_at:NUMBER last_activity_at:NUMBER reply_count:NUMBER edited_at:NUMBER deleted_at:NUMBER "
          + "slow_mode_seconds:NUMBER", IN_WORKSPACE, "id"),
      kind("replies", "replies", "id:ID workspace_id:WORKSPACE space_id:REF thread_id:REF author_id:PERSON body:PROSE "
          + "created_at:NUMBER edited_at:NUMBER deleted_at:NUMBER", IN_WORKSPACE, "id"),
      kind("postRevisions", "post_revisions", "post_id:REF revision:NUMBER thread_id:REF workspace_id:WORKSPACE "
          + "editor_id:PERSON title:TEXT body:PROSE created_at:NUMBER", IN_WORKSPACE, "post_id, revision"),
      kind("mentions", "mentions", "post_id:REF account_id:PERSON thread_id:REF workspace_id:WORKSPACE created_at:NUMBER",
          IN_WORKSPACE, "post_id, account_id"),
      kind("reactions", "reactions", "post_id:REF account_id:PERSON emoji:TEXT thread_id:REF workspace_id:WORKSPACE "
          + "created_at:NUMBER", IN_WORKSPACE, "post_id, account_id, emoji"),
      kind("acknowledgements", "acknowledgements", "thread_id:REF account_id:PERSON workspace_id:WORKSPACE created_at:NUMBER",
          IN_WORKSPACE, "thread_id, account_id"),
      kind("decisions", "decisions", "id:ID workspace_id:WORKSPACE space_id:REF number:NUMBER title:PROSE context:PROSE "
          + "options:TEXT decision:PROSE rationale:PROSE consequences:PROSE status:TEXT owner_id:PERSON revisit_by:TEXT "
          + "supersedes_id:LATE_REF superseded_by_id:LATE_REF source_kind:TEXT source_id:REF created_by:PERSON "
          + "created_at:NUMBER updated_at:NUMBER", IN_WORKSPACE, "id"),
      kind("decisionHistory", "decision_history", "id:ID decision_id:REF workspace_id:WORKSPACE actor_id:PERSON at:NUMBER "
          + "action:TEXT changes:TEXT", IN_WORKSPACE, "id"),
      kind("threadResolutions", "thread_resolutions", "thread_id:REF workspace_id:WORKSPACE space_id:REF outcome:TEXT "
          + "decision_id:REF note:PROSE resolved_by:PERSON resolved_at:NUMBER", IN_WORKSPACE, "thread_id"),
      kind("documents", "documents", "id:ID workspace_id:WORKSPACE space_id:REF title:TEXT latest_revision:NUMBER "
          + "created_by:PERSON created_at:NUMBER updated_by:PERSON updated_at:NUMBER", IN_WORKSPACE, "id"),
      kind("documentRevisions", "document_revisions", "document_id:REF number:NUMBER title:TEXT body:PROSE summary:TEXT "
          + "author_id:PERSON created_at:NUMBER",
          "document_id IN (SELECT id FROM documents WHERE workspace_id = :ws)", "document_id, number"),
      kind("documentComments", "document_comments", "id:ID workspace_id:WORKSPACE space_id:REF document_id:REF parent_id:REF "
          + "author_id:PERSON body:PROSE quote:TEXT revision:NUMBER created_at:NUMBER resolved_at:NUMBER resolved_by:PERSON",
          IN_WORKSPACE, "id"),
      kind("recordings", "recordings", "id:ID workspace_id:WORKSPACE space_id:REF uploader_id:PERSON title:TEXT "
          + "media_type:TEXT size_bytes:NUMBER file_name:RECORDING_FILE captions_vtt:TEXT captions_at:NUMBER created_at:NUMBER",
          IN_WORKSPACE, "id"),
      kind("recordingCues", "recording_cues", "id:ID recording_id:REF seq:NUMBER start_ms:NUMBER end_ms:NUMBER body:TEXT",
          "recording_id IN (SELECT id FROM recordings WHERE workspace_id = :ws)", "id"),
      kind("recordingChapters", "recording_chapters", "recording_id:REF seq:NUMBER start_ms:NUMBER title:TEXT",
          "recording_id IN (SELECT id FROM recordings WHERE workspace_id = :ws)", "recording_id, seq"),
      kind("recordingComments", "recording_comments", "id:ID recording_id:REF parent_id:REF author_id:PERSON at_ms:NUMBER "
          + "body:PROSE created_at:NUMBER", "recording_id IN (SELECT id FROM recordings WHERE workspace_id = :ws)", "id"),
      kind("asks", "asks", "id:ID workspace_id:WORKSPACE space_id:REF thread_id:REF post_id:REF asker_id:PERSON "
          + "assignee_id:PERSON within:TEXT created_at:NUMBER due_at:NUMBER done_at:NUMBER done_how:TEXT "
          + "followed_up:NUMBER answer_id:REF", IN_WORKSPACE, "id"));

  private ArchiveFormat() {}

  static Kind kind(String name, String table, String columns, String where, String orderBy) {
    List<Column> list = new ArrayList<>();
    for (String c : columns.split(" ")) {
      String[] parts = c.split(":");
      list.add(new Column(parts[0], Type.valueOf(parts[1].toUpperCase(Locale.ROOT))));
    }
    return new Kind(name, table, List.copyOf(list), where, orderBy);
  }

  /** Every kind in the archive, people first. */
  static List<Kind> all() {
    List<Kind> all = new ArrayList<>();
    all.add(PEOPLE);
    all.addAll(KINDS);
    return all;
  }
}
