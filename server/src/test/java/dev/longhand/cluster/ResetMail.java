package dev.longhand.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks that each password reset mail was sent exactly once by the cluster. Mail is sent at least once: a node that
 * claimed a mail (leasing its row for five minutes) and died before sending it leaves it to whichever node claims it
 * after the lease, so such a mail, still in {@code due_work}, is the one allowed to be missing for now.
 */
final class ResetMail {
  static final String SUBJECT = "Reset your Longhand password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResetMail() {}

  static void assertSentOnce(GreenMail smtp, String databaseUrl, Collection<String> asked, Set<String> acknowledged) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!settled(smtp, databaseUrl, acknowledged) && System.nanoTime() < deadline) Thread.sleep(50);
    Thread.sleep(2500); // every node's ticker has run again since: a second send would have come by now
    Map<String, Integer> sent = sent(smtp);
    Set<String> leased = leased(databaseUrl);
    System.out.printf("[three nodes] reset mail: %d asked, %d acknowledged, %d sent, %d left leased by the killed node%n",
        asked.size(), acknowledged.size(), sent.values().stream().mapToInt(Integer::intValue).sum(), leased.size());
    for (String email : asked) assertThat(sent.getOrDefault(email, 0)).as("reset mails to %s", email).isLessThanOrEqualTo(1);
    for (String email : acknowledged) {
      if (!leased.contains(email)) assertThat(sent.getOrDefault(email, 0)).as("reset mails to %s", email).isEqualTo(1);
    }
    assertThat(acknowledged).as("resets acknowledged").isNotEmpty();
  }

  private static boolean settled(GreenMail smtp, String databaseUrl, Set<String> acknowledged) throws Exception {
    Map<String, Integer> sent = sent(smtp);
    Set<String> leased = leased(databaseUrl);
    for (String email : acknowledged) if (!sent.containsKey(email) && !leased.contains(email)) return false;
    return true;
  }

  /** Reset mails received, by recipient. */
  private static Map<String, Integer> sent(GreenMail smtp) throws MessagingException {
    Map<String, Integer> sent = new HashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (!SUBJECT.equals(m.getSubject())) continue;
      for (Address to : m.getAllRecipients()) sent.merge(to.toString(), 1, Integer::sum);
    }
    return sent;
  }

  /** Recipients of mail still waiting in due work (leased by a node that died with it). */
  private static Set<String> leased(String databaseUrl) throws SQLException, java.io.IOException {
    Set<String> to = new HashSet<>();
    try (Connection c = DriverManager.getConnection(databaseUrl);
         var rs = c.createStatement().executeQuery("SELECT payload FROM due_work WHERE kind = 'mail' AND due_at > "
             + System.currentTimeMillis())) {
      while (rs.next()) to.add(JSON.readTree(rs.getString(1)).path("to").asText());
    }
    return to;
  }
}
