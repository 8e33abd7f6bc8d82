package dev.longhand.search;

import dev.longhand.store.InList;
import dev.longhand.store.Ids;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for search: the people shown on hits and named in filters and {@code from:}. */
final class SearchStore {
  Map<Long, SearchHit.Author> authors(Handle h, Collection<Long> ids) {
    Map<Long, SearchHit.Author> byId = new HashMap<>();
    if (ids.isEmpty()) return byId;
    h.createQuery("SELECT id, name, handle FROM accounts WHERE id IN (<ids>)")
        .bindList("ids", InList.of(ids))
        .map((rs, ctx) -> new SearchHit.Author(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .forEach(a -> byId.put(a.id(), a));
    return byId;
  }

  /** The accounts a filter names: by id, or by handle with or without its '@'. */
  List<Long> accountsNamed(Handle h, String idOrHandle) {
    String handle = idOrHandle.startsWith("@") ? idOrHandle.substring(1) : idOrHandle;
    return h.createQuery("SELECT id FROM accounts WHERE id = ? OR handle = ?")
        .bind(0, Ids.parse(idOrHandle))
        .bind(1, handle)
        .mapTo(Long.class).list();
  }

  /**
   * The people {@code from:} names, among those who share a workspace with the viewer (so it tells nothing about
   * anyone else): by id, handle (with or without '@'), whole name, first name, or the part of the email before the '@';
   * all case-insensitive.
   */
  List<Long> peopleNamed(Handle h, long viewerId, String name) {
    String n = (name.startsWith("@") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    String like = n.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return h.createQuery("""
            SELECT DISTINCT a.id FROM accounts a
            JOIN workspace_members m ON m.account_id = a.id
            JOIN workspace_members v ON v.workspace_id = m.workspace_id AND v.account_id = ?
            WHERE a.id = ? OR lower(a.handle) = ? OR lower(a.name) = ? OR lower(a.name) LIKE ? ESCAPE '!'
              OR a.email LIKE ? ESCAPE '!'""")
        .bind(0, viewerId).bind(1, Ids.parse(n)).bind(2, n).bind(3, n).bind(4, like + " %").bind(5, like + "@%")
        .mapTo(Long.class).list();
  }
}
