package dev.longhand.account;

/**
 * The last step of signing up, given the page the new account was going to ({@code next}): another feature may
 * finish what brought the person here and say where they land instead. Joining the workspace of the invitation
 * they came from is one (the workspace feature's, wired in {@code Longhand}), so nobody signs up and then presses
 * Join as well. {@code next} has been cleaned by {@link NextPage}.
 */
@FunctionalInterface
public interface AfterSignUp {
  AfterSignUp NOTHING = (accountId, next) -> next;

  /** Where the new account lands: {@code next}, or a page of the step it took. */
  String landing(long accountId, String next);
}
