package dev.longhand.http;

/** One route of the table, with its access rule: what the access walk test iterates over. */
public record RouteSpec(String method, String path, Access access, boolean api) {}
