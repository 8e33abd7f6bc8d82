package dev.longhand.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain events to and from their stored form: the kind's name and a JSON payload of the record's fields plus
 * {@code "v"}, the payload version. Decoding is strict where it matters: an unknown kind, a version this code does
 * not read, a missing or null field (other than a {@link MayBeAbsent} one) or a value of the wrong type is
 * {@link Undecodable}, never an event with a zero where an id should be. Unknown extra fields are ignored, so an
 * older node reads what a newer one adds.
 */
public final class EventCodec {
  /** Every kind, by its stored name. */
  private static final Map<String, Kind> KINDS = kinds();

  private final ObjectMapper json;

  public EventCodec(ObjectMapper json) {
    this.json = json.copy()
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /** One kind of event: its stored name, payload version, record type and fields. */
  public record Kind(String name, int version, Class<? extends DomainEvent> type, List<Field> fields) {}

  /** A payload field: its name, its Java type's simple name, and whether a stored payload must carry it. */
  public record Field(String name, String type, boolean required) {}

  /** Every kind, in the order the sealed interface permits them. */
  public static List<Kind> all() {
    return List.copyOf(KINDS.values());
  }

  public static Kind of(Class<? extends DomainEvent> type) {
    return KINDS.get(DomainEvent.kind(type));
  }

  /** The event's stored kind and payload. */
  public String kind(DomainEvent event) {
    return DomainEvent.kind(event.getClass());
  }

  /** The record's fields as a JSON object, then {@code "v"}: written straight from the record (this is on the reply path). */
  public String payload(DomainEvent event) {
    Kind kind = KINDS.get(kind(event));
    String fields;
    try {
      fields = json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not serializable: " + kind.name(), e);
    }
    return fields.substring(0, fields.length() - 1) + (fields.length() > 2 ? "," : "") + "\"v\":" + kind.version() + "}";
  }

  /** The stored event as its record; throws {@link Undecodable} saying why it is not one. */
  public DomainEvent decode(String kindName, String payload) throws Undecodable {
    Kind kind = KINDS.get(kindName);
    if (kind == null) throw new Undecodable("unknown kind " + kindName);
    JsonNode tree;
    try {
      tree = json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new Undecodable("payload is not JSON");
    }
    if (tree == null || !tree.isObject()) throw new Undecodable("payload is not a JSON object");
    int version = tree.path("v").asInt(1);
    if (version != kind.version()) throw new Undecodable("payload version " + version + " is not read here (" + kind.version() + " is)");
    for (Field f : kind.fields()) {
      if (f.required() && (!tree.hasNonNull(f.name()))) throw new Undecodable("field " + f.name() + " is missing");
    }
    try {
      return json.treeToValue(tree, kind.type());
    } catch (JsonProcessingException e) {
      throw new Undecodable("a field has the wrong type: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new Undecodable("a field has the wrong type: " + e.getMessage());
    }
  }

  /** Why a stored event is not one this code can read. */
  public static final class Undecodable extends Exception {
    public Undecodable(String reason) {
      super(reason, null, false, false);
    }
  }

  private static Map<String, Kind> kinds() {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Class<?> c : DomainEvent.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked") Class<? extends DomainEvent> type = (Class<? extends DomainEvent>) c;
      if (!type.isRecord()) throw new IllegalStateException("domain event " + type + " is not a record");
      List<Field> fields = new ArrayList<>();
      for (RecordComponent rc : type.getRecordComponents()) {
        fields.add(new Field(rc.getName(), rc.getGenericType().getTypeName().replaceAll("[a-z.]+\\.", ""),
            !rc.isAnnotationPresent(MayBeAbsent.class)));
      }
      Version v = type.getAnnotation(Version.class);
      Kind kind = new Kind(DomainEvent.kind(type), v == null ? 1 : v.value(), type, List.copyOf(fields));
      if (kinds.put(kind.name(), kind) != null) throw new IllegalStateException("two domain events named " + kind.name());
      if (Arrays.stream(type.getRecordComponents()).anyMatch(rc -> rc.getName().equals("v"))) {
        throw new IllegalStateException("domain event " + kind.name() + " may not have a field named v");
      }
    }
    return kinds;
  }
}
