package dev.longhand.signal;

import java.util.List;

/** What the rules find in one post's prose, read once per computation: its questions, heated words, brainstorming phrases and crisis words. */
record PostReading(List<String> questions, List<String> heated, List<String> brainstorming, List<String> crisis) {

  static PostReading of(Signal.Post post) {
    String prose = SignalRules.prose(post.body());
    String lower = SignalRules.lower(prose);
    return new PostReading(SignalRules.questions(prose), SignalRules.heated(prose, lower), SignalRules.brainstorming(prose, lower),
        SignalRules.crisis(prose, lower));
  }
}
