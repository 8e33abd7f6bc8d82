package dev.longhand.search;

import dev.longhand.event.DomainEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The events that change what a {@link SearchSource} indexes, each with the owner it names: typed, so a source says
 * {@code OwnerEvents.of(DecisionRecorded.class, DecisionRecorded::decisionId)} and the compiler checks the field.
 */
public final class OwnerEvents {
  private final Map<Class<? extends DomainEvent>, ToLongFunction<DomainEvent>> owners;

  /** No events: a source whose documents never change after a rebuild (a benchmark's synthetic corpus). */
  public static final OwnerEvents NONE = new OwnerEvents(Map.of());

  private OwnerEvents(Map<Class<? extends DomainEvent>, ToLongFunction<DomainEvent>> owners) {
    this.owners = owners;
  }

  public static <E extends DomainEvent> OwnerEvents of(Class<E> kind, ToLongFunction<E> owner) {
    return new OwnerEvents(new LinkedHashMap<>()).and(kind, owner);
  }

  /** This and one more kind, with the owner it names. */
  public <E extends DomainEvent> OwnerEvents and(Class<E> kind, ToLongFunction<E> owner) {
    Map<Class<? extends DomainEvent>, ToLongFunction<DomainEvent>> more = new LinkedHashMap<>(owners);
    more.put(kind, e -> owner.applyAsLong(kind.cast(e)));
    return new OwnerEvents(more);
  }

  public Set<Class<? extends DomainEvent>> kinds() {
    return owners.keySet();
  }

  /** The owner the event names, or empty when it is not one of these kinds. */
  public OptionalLong owner(DomainEvent event) {
    ToLongFunction<DomainEvent> f = owners.get(event.getClass());
    return f == null ? OptionalLong.empty() : OptionalLong.of(f.applyAsLong(event));
  }
}
