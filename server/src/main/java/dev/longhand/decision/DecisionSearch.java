package dev.longhand.decision;

import dev.longhand.event.DecisionChanged;
import dev.longhand.event.DecisionRecorded;
import dev.longhand.search.Indexed;
import dev.longhand.search.OwnerEvents;
import dev.longhand.search.SearchSource;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** Decisions in search: the title is matched first; the body is the context, the options, the decision and the rationale. */
public final class DecisionSearch implements SearchSource {
  private static final int PAGE = 500;
  private final DecisionStore store = new DecisionStore();

  @Override
  public String name() {
    return "decision";
  }

  @Override
  public OwnerEvents events() {
    return OwnerEvents.of(DecisionRecorded.class, DecisionRecorded::decisionId).and(DecisionChanged.class, DecisionChanged::decisionId);
  }

  @Override
  public List<Indexed> load(Handle h, Collection<Long> owners) {
    return store.byIds(h, owners).stream().map(DecisionSearch::indexed).toList();
  }

  @Override
  public void each(Handle h, Consumer<Indexed> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<Long> ids = store.idsAfter(h, after, PAGE);
      load(h, ids).forEach(sink);
      if (ids.size() < PAGE) return;
      after = ids.getLast();
    }
  }

  private static Indexed indexed(Decision.Row r) {
    Decision d = r.decision();
    String body = String.join("\n\n", d.context(), AdrExport.optionsText(d.options()), d.decision(), d.rationale(), d.consequences()).strip();
    return new Indexed("decision", d.id(), d.id(), 0, d.spaceId(), d.workspaceId(), d.createdBy(), d.title(), d.title(), body,
        d.createdAt(), d.path());
  }
}
