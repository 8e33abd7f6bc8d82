package dev.longhand.mail;

/** One email: plain text always, HTML as an alternative when given. */
public record Mail(String to, String subject, String text, String html) {}
