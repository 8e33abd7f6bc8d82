package dev.longhand.event;

import java.util.List;

/** A decision's fields changed (names of the fields). */
public record DecisionChanged(long decisionId, List<String> fields) implements DomainEvent {}
