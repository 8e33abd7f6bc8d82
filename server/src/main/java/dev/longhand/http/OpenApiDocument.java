package dev.longhand.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The served OpenAPI document, put together once from the fragments under {@code /openapi/} on the class path:
 * {@code base.json} (info, security, shared responses and schemas) and one fragment per area ({@code threads.json},
 * {@code documents.json}, ...), each with its {@code paths} and its own {@code components.schemas}. A feature documents
 * its routes in its own fragment, so features grow without touching one shared file. Two fragments that document the
 * same operation or name the same schema are refused at start.
 */
public final class OpenApiDocument {
  private static final String FOLDER = "/openapi/";

  /** The document as served, merged once per process: the fragments on the class path do not change while it runs. */
  private static volatile String served;

  private OpenApiDocument() {}

  /** The merged document as JSON text, as {@link #load} makes it, made once per process (a test JVM starts hundreds of servers). */
  public static String served() {
    String doc = served;
    if (doc == null) served = doc = load(new ObjectMapper());
    return doc;
  }

  /** The merged document as JSON text. */
  public static String load(ObjectMapper json) {
    try {
      List<Path> fragments = fragments();
      ObjectNode doc = null;
      for (Path p : fragments) {
        if (p.getFileName().toString().equals("base.json")) doc = (ObjectNode) json.readTree(Files.readString(p));
      }
      if (doc == null) throw new IllegalStateException("openapi/base.json is missing from the class path");
      for (Path p : fragments) {
        if (!p.getFileName().toString().equals("base.json")) merge(doc, (ObjectNode) json.readTree(Files.readString(p)), p);
      }
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode doc, ObjectNode fragment, Path from) {
    ObjectNode paths = doc.withObject("/paths");
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = fragment.path("paths").properties().iterator();
        it.hasNext(); ) {
      var path = it.next();
      ObjectNode into = paths.withObject("/" + escape(path.getKey()));
      path.getValue().properties().forEach(op -> {
        if (into.has(op.getKey())) throw duplicate(op.getKey() + " " + path.getKey(), from);
        into.set(op.getKey(), op.getValue());
      });
    }
    ObjectNode schemas = doc.withObject("/components/schemas");
    fragment.path("components").path("schemas").properties().forEach(s -> {
      if (schemas.has(s.getKey())) throw duplicate("schema " + s.getKey(), from);
      schemas.set(s.getKey(), s.getValue());
    });
  }

  private static String escape(String pointerSegment) {
    return pointerSegment.replace("~", "~0").replace("/", "~1");
  }

  private static IllegalStateException duplicate(String what, Path from) {
    return new IllegalStateException("openapi/" + from.getFileName() + " documents " + what + " a second time");
  }

  /** The fragments in name order, read from the class path whether it is a folder or a jar. */
  private static List<Path> fragments() throws IOException {
    var base = OpenApiDocument.class.getResource(FOLDER + "base.json");
    if (base == null) throw new IllegalStateException("openapi/base.json is missing from the class path");
    try {
      URI uri = base.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem jar;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (java.nio.file.FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
        }
        return list(jar.getPath(FOLDER));
      }
      return list(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }
}
