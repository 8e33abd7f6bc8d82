package dev.longhand.mailin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is left of a reply by email: realistic bodies as Gmail, Outlook (desktop, web, mobile), Apple Mail and
 * Thunderbird write them, in plain text and HTML only, each with what the thread should show. Pure: no server.
 */
class ReplyTextTest {
  static final String ADDRESS = "reply+abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu@example.test";

  static Stream<Arguments> plainText() {
    return Stream.of(
        Arguments.of("Gmail: attribution line, quoted notification", """
            Sounds good, let's ship on Thursday.

            Bo

            On Wed, Dec 2, 2026 at 9:00 PM Longhand <%s> wrote:

            > Ana sent an urgent notification about “Launch”
            >
            > https://longhand.example/threads/1
            """.formatted(ADDRESS), "Sounds good, let's ship on Thursday.\n\nBo"),
        Arguments.of("Gmail: attribution wrapped over two lines", """
            Yes, that is the one.

            On Wed, 2 Dec 2026 at 21:00, Ana Lima via Longhand <
            %s> wrote:
            > Which build?
            """.formatted(ADDRESS), "Yes, that is the one."),
        Arguments.of("Apple Mail on an iPhone: Sent from my iPhone, then the quote", """
            I can take it.

            Sent from my iPhone

            > On 2 Dec 2026, at 21:00, Longhand <%s> wrote:
            >\s
            > Ana asked you to review “Launch plan” by Fri 10:00
            """.formatted(ADDRESS), "I can take it."),
        Arguments.of("Outlook desktop: -----Original Message----- (the name under the reply stays: no delimiter)", """
            Agreed, see you there.

            Cy Diaz
            Head of Operations

            -----Original Message-----
            From: Longhand <%s>\s
            Sent: Wednesday, December 2, 2026 12:00 PM
            To: Cy <cy@example.test>
            Subject: Urgent: Ana sent an urgent notification about “Launch”

            Ana sent an urgent notification
            """.formatted(ADDRESS), "Agreed, see you there.\n\nCy Diaz\nHead of Operations"),
        Arguments.of("Outlook web: a line of underscores, then the header block", """
            Thanks, merged.
            ________________________________
            From: Longhand <%s>
            Sent: Wednesday, 2 December 2026 12:00
            To: Bo Kim <bo@example.test>
            Subject: Ana asked you to review the pull request
            """.formatted(ADDRESS), "Thanks, merged."),
        Arguments.of("Outlook.com: a header block in bold without a separator", """
            Approved.

            *From:* Longhand <%s>
            *Sent:* Wednesday, December 2, 2026 12:00
            *To:* Bo Kim
            *Subject:* Review
            """.formatted(ADDRESS), "Approved."),
        Arguments.of("Outlook mobile: Get Outlook for iOS", """
            On it.

            Get Outlook for iOS
            ________________________________
            From: Longhand
            """, "On it."),
        Arguments.of("Thunderbird: signature after the delimiter \"-- \"", """
            Looks right to me.
            Two small things in the second table.

            --\s
            Bo Kim · Seoul
            https://bo.example
            """, "Looks right to me.\nTwo small things in the second table."),
        Arguments.of("answers written between quoted lines stay, the quotes go", """
            > Can you review by Friday?
            Yes, Thursday even.
            > And the budget?
            Still open.

            On Wed, Dec 2, 2026 at 9:00 PM Ana <ana@example.test> wrote:
            > earlier
            """, "Yes, Thursday even.\nStill open."),
        Arguments.of("German Gmail: Am … schrieb …:", """
            Passt, danke!

            Am Mi., 2. Dez. 2026 um 13:00 Uhr schrieb Longhand <%s>:
            > Ana hat dich erwähnt
            """.formatted(ADDRESS), "Passt, danke!"),
        Arguments.of("words that only look like rules stay: 'On Monday', a 'From:' without headers after it", """
            On Monday we ship the beta.
            From: the customer's point of view, this is fine.
            """, "On Monday we ship the beta.\nFrom: the customer's point of view, this is fine."),
        Arguments.of("CRLF line ends and non-breaking spaces", "First line\r\n\r\nSecond\u00a0line\r\n\r\nOn Wed, Dec 2, 2026 at 9:00 PM X <x@y.z> wrote:\r\n> old\r\n",
            "First line\n\nSecond line"),
        Arguments.of("nothing of one's own", "> only the quote\n> nothing else\n", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plainText")
  void plainTextKeepsOnlyWhatThePersonWrote(String client, String mail, String expected) {
    assertThat(ReplyText.strip(mail)).isEqualTo(expected);
  }

  static Stream<Arguments> htmlOnly() {
    return Stream.of(
        Arguments.of("Gmail: gmail_quote with its attribution", """
            <div dir="ltr">Works for me.<div><br></div><div>Bo</div></div><br><div class="gmail_quote"><div dir="ltr" \
            class="gmail_attr">On Wed, Dec 2, 2026 at 9:00 PM Longhand &lt;<a href="mailto:%1$s">%1$s</a>&gt; wrote:<br></div>\
            <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">\
            <p>Ana sent an urgent notification</p></blockquote></div>""".formatted(ADDRESS), "Works for me.\n\nBo"),
        Arguments.of("Gmail: a signature block and a link", """
            <div dir="ltr"><div>The numbers are in <a href="https://docs.example/q4">the Q4 sheet</a> &amp; agreed.</div>\
            <br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" \
            class="gmail_signature">Bo Kim<br>Seoul</div></div>""",
            "The numbers are in [the Q4 sheet](https://docs.example/q4) & agreed."),
        Arguments.of("Apple Mail: blockquote type=cite after Sent from my iPhone", """
            <html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">\
            Friday works. See <a href="https://example.com/plan">the plan</a>.<br><br><div dir="ltr">Sent from my iPhone</div>\
            <div dir="ltr"><br><blockquote type="cite">On 2 Dec 2026, at 21:00, Longhand &lt;%s&gt; wrote:<br><br></blockquote>\
            </div><blockquote type="cite"><div dir="ltr">Ana asked you to review</div></blockquote></body></html>""".formatted(ADDRESS),
            "Friday works. See [the plan](https://example.com/plan)."),
        Arguments.of("Outlook web: appendonsend and divRplyFwdMsg end the reply", """
            <html><head><style>p{margin:0}</style></head><body><div style="font-family:Calibri">Approved &amp; merged.</div>\
            <div><p>Second paragraph.</p></div><div id="appendonsend"></div><hr style="display:inline-block;width:98%%">\
            <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Longhand &lt;%s&gt;<br><b>Sent:</b> \
            Wednesday</font></div><div>Ana asked you to review</div></body></html>""".formatted(ADDRESS),
            "Approved & merged.\n\nSecond paragraph."),
        Arguments.of("Outlook desktop: the header block in a bordered div, found in the text", """
            <html><body><div class="WordSection1"><p class="MsoNormal">Yes, go ahead.<o:p></o:p></p><p class="MsoNormal">\
            <o:p>&nbsp;</o:p></p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\
            <p class="MsoNormal"><b>From:</b> Longhand &lt;%s&gt; <br><b>Sent:</b> Wednesday, December 2, 2026 12:00 PM<br>\
            <b>To:</b> Cy<br><b>Subject:</b> Urgent</p></div><p>Ana sent an urgent notification</p></div></body></html>""".formatted(ADDRESS),
            "Yes, go ahead."),
        Arguments.of("Thunderbird: moz-cite-prefix and a cite blockquote", """
            <html><body><p>Done, thanks.</p><div class="moz-cite-prefix">On 02/12/2026 21:00, Longhand wrote:<br></div>\
            <blockquote type="cite" cite="mid:1.longhand@example.test">Ana asked you</blockquote><div class="moz-signature">\
            -- <br>Gil</div></body></html>""", "Done, thanks."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("htmlOnly")
  void htmlOnlyMailBecomesTextWithoutQuotes(String client, String html, String expected) {
    assertThat(ReplyText.strip(HtmlText.text(html))).isEqualTo(expected);
  }

  /** A whole message as it arrives: multipart/alternative takes the text part; an HTML-only one is made text. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void aWholeMessageGivesItsReplyText(String what, String raw, String expected, boolean automatic) throws Exception {
    byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    InboundMail mail = InboundMail.parse(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes)), bytes);
    assertThat(mail.text()).isEqualTo(expected);
    assertThat(mail.automatic()).isEqualTo(automatic);
    assertThat(mail.recipients()).contains(ADDRESS);
    assertThat(mail.messageKey()).hasSize(64);
  }

  static Stream<Arguments> messages() {
    String head = "From: Bo <bo@example.test>\nTo: Longhand <" + ADDRESS + ">\nSubject: Re: Launch\nMessage-ID: <m1@example.test>\n";
    return Stream.of(
        Arguments.of("multipart/alternative: the text part", head + """
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/plain; charset=UTF-8

            Plain wins.

            On Wed, Dec 2, 2026 at 9:00 PM Longhand wrote:
            > quoted
            --b1
            Content-Type: text/html; charset=UTF-8

            <div>HTML loses.</div>
            --b1--
            """, "Plain wins.", false),
        Arguments.of("HTML only, quoted-printable", head + """
            MIME-Version: 1.0
            Content-Type: text/html; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            <div dir=3D"ltr">Caf=C3=A9 at ten?</div><div class=3D"gmail_quote">On ... wrote:</div>
            """, "Café at ten?", false),
        Arguments.of("an out-of-office answer is automatic", head + """
            Auto-Submitted: auto-replied
            Content-Type: text/plain; charset=UTF-8

            I am away until Monday.
            """, "I am away until Monday.", true));
  }
}
