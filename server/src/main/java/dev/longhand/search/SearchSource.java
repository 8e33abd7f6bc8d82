package dev.longhand.search;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Something searchable, as a feature tells the index about it: which outbox events change it,
 * how to read its current documents, and how to read all of them for a rebuild. Sources hold no
 * state; {@code Longhand.searchSources()} lists them for the server and for {@code longhand reindex}.
 *
 * <p>The indexer re-reads an owner whenever one of its events arrives and replaces everything the
 * index held for it, so events may repeat, and an owner that is gone (or now has no documents)
 * leaves the index.
 */
public interface SearchSource {
  /** The namespace of this source's owners in the index ({@code thread}, {@code decision}, ...); unique. */
  String name();

  /** The outbox events that change what this source indexes, each with the owner it names. */
  OwnerEvents events();

  /** The documents each of these owners should have now (read in the indexer's transaction). */
  List<Indexed> load(Handle h, Collection<Long> owners);

  /** Every document of every owner, for a rebuild; page through large tables. */
  void each(Handle h, Consumer<Indexed> sink);
}
