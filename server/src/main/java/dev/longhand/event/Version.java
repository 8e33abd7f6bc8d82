package dev.longhand.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The payload version of an event kind, stored with each event as {@code "v"}; a kind without it is at version 1,
 * and a stored payload without {@code "v"} (written before versions) is read as version 1. Raise it when a payload
 * changes incompatibly (a field renamed, removed or newly required), and teach {@link EventCodec} to read the old one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Version {
  int value();
}
