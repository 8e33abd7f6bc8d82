package dev.longhand.testkit;

/** The databases every integration test runs against. */
public enum Db { SQLITE, POSTGRESQL }
