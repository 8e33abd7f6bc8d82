package dev.longhand.search;

import dev.longhand.store.Ids;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for search: the people shown on hits and named in filters. */
final class SearchStore {
  Map<Long, SearchHit.Author> authors(Handle h, Collection<Long> ids) {
    Map<Long, SearchHit.Author> byId = new HashMap<>();
    if (ids.isEmpty()) return byId;
    h.createQuery("SELECT id, name, handle FROM accounts WHERE id IN (<ids>)")
        .bindList("ids", List.copyOf(ids))
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
}
