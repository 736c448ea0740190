"""Known chrome phrases: section markers, teaser markers, share bars, legal notices.

These are *features* of a line for the line model, and the reason code shown
for a dropped line, never verdicts by themselves: a line that says "Related"
inside an article stays when the model and the decoder keep it. They only
ever apply to short lines (``_MAX_JUNK_WORDS``), so a long paragraph that
mentions "subscribe" or "cookies" never matches.
"""

from __future__ import annotations

import re

from scrubnews.text import WORD_RE, words

_MAX_JUNK_WORDS = 25
# Decoration around a section marker: "【関連記事】", "— Related —", "[Comments]".
_MARKER_DECORATION = " .:•-–—|[](){}【】「」『』〈〉《》<>"
_MAX_MARKER_WORDS = 8

# Headings after which the article is over: related stories, comments, feeds.
_END_MARKERS = re.compile(
    # Each alternative starts with a character, not a group: the engine then skips an alternative
    # at its first character, and most short lines are tried against all of them.
    r"^(related( articles?| stories| posts| content| news| coverage| reading| links| topics| videos)?"
    r"|more (stories|articles|news|videos|coverage|to read|on this (story|topic))"
    r"|more (from|in) [\w .'&-]{1,30}"
    r"|what to read next|read next|up next|recommended( for you| stories| articles| reading| videos)?"
    r"|you (may|might) (also )?(like|enjoy)|trending( now| stories| news| articles)?"
    r"|most popular( now| stories| articles| posts| news)?|popular( now| stories| articles| posts| news)?"
    r"|most (read|viewed|shared|emailed|commented)"
    r"|comments?( \(\d+\))?|\d+ comments?( \(\d+\))?|\d+ (comments|responses|replies|reactions)"
    r"|there are( all)? \d+ (comments|responses|replies|reactions)"
    r"|show( all)? \d+ (comments|responses|replies|reactions)|view( all)? \d+ (comments|responses|replies|reactions)"
    r"|see( all)? \d+ (comments|responses|replies|reactions)"
    r"|leave a (comment|reply)|join the (conversation|discussion)"
    r"|latest( news| stories| articles| posts)?|top stories|editor'?s picks|around the web"
    r"|sponsored (content|stories|links)|promoted (content|stories|links)|partner (content|stories|links)"
    r"|from our partners|in other news|don'?t miss"
    r"|articles? (liés|similaires)|à lire aussi|sur le même sujet|commentaires?|mehr zum thema|kommentare"
    r"|noticias relacionadas|comentários|comentarios|notícias relacionadas"
    r"|tags|related tags|filed under|similar (posts|articles|stories)|more like this"
    r"|you (may|might) also be interested in|about the (author|reviewer|writer)s?|über (den|die) autor(in)?"
    # German, Spanish, French, Italian, Portuguese, Dutch, Polish, Finnish: the same headings.
    r"|die meist(gelesen(en?)?| gelesen(en?)?|gesehen(en?)?|kommentiert(en?)?)( artikel| beiträge| news)?"
    r"|meist(gelesen(en?)?| gelesen(en?)?|gesehen(en?)?|kommentiert(en?)?)( artikel| beiträge| news)?"
    r"|beliebte (beiträge|artikel)( zum thema)?|ähnliche (artikel|beiträge|nachrichten|themen)"
    r"|verwandte (artikel|beiträge|nachrichten|themen)|weitere (artikel|beiträge|nachrichten|themen)"
    r"|das könnte (dich|sie|euch) auch interessieren|dies könnte (dich|sie|euch) auch interessieren"
    r"|empfehlungen (aus )?der redaktion|kunden kauften auch|neueste (artikel|beiträge|nachrichten)"
    r"|aktuelle (artikel|beiträge|nachrichten|kommentare)|schlagw[oö]rter?( zum thema)?|\d+ kommentare?"
    r"|neueste kommentare|letzte (kommentare|beiträge)|recent (posts|comments|articles)"
    r"|mehr themen|videos zum thema|themen in diesem artikel"
    r"|markiert|getaggt mit|verschlagwortet mit|kategorien|categories"
    r"|mehr (artikel|nachrichten|news)|top[- ]?(artikel|themen|news)"
    r"|lo más (leído|visto)|más (noticias|leídas|leído)|etiquetas"
    r"|temas relacionados|te recomendamos|contenido relacionado|otras noticias|notas relacionadas"
    r"|artículos relacionados"
    r"|à lire également|vous aimerez (aussi|également)|les plus lus|plus lus|sur le même thème"
    r"|dans la même rubrique|à découvrir( aussi)?|ces articles peuvent vous intéresser|articles les plus lus"
    r"|pour aller plus loin"
    r"|articoli correlati|ti potrebbe (anche )?interessarti|potrebbe (anche )?interessarti|i più letti"
    r"|notizie correlate|mais lidas|você (também )?pode gostar|conteúdo relacionado|matérias relacionadas"
    r"|meer nieuws|gerelateerde (artikelen|berichten)|meest gelezen|reacties"
    r"|najczęściej (czytane|komentowane)|powiązane( artykuły)?|komentarze|polecamy|luetuimmat|aiheeseen liittyvät"
    r"|相关(文章|新闻|阅读)|推荐阅读|热门(文章|新闻)?|関連(記事|ニュース)|アクセスランキング.{0,12}|ランキング.{0,12}"
    r"|コメント)[:.!]?$"
)

# The heading over a comment thread, with the article's title in it: "59 Comments on “The
# Headline”", "One thought on “...”", "3 Kommentare zu ...". Up to ``_MAX_JUNK_WORDS`` words.
# A short line of prose that starts the same way ("One response to the plan was ...") matches too;
# it is a feature, and the rest of the line's evidence still counts.
_COMMENT_HEADING = re.compile(
    r"^(\d+|no|one|two|three|four|five|eine?|une?|una?|uma?) (comments?|thoughts?|responses?|replies|reply"
    r"|reactions?|kommentare?|commentaires?|comentarios?|comentários?"
    # WordPress's "11 Antworten zu “...”" in German, French, Spanish, Italian, Portuguese, Dutch.
    r"|antworten?|réponses?|respuestas?|risposte|risposta|respostas?|reacties|reactie)"
    r" (on|to|zu|zum|auf|sur|à|für|para|a|en|em|op)\b"
)

# Chrome phrases that have no business inside an article paragraph, found
# anywhere in a kept line (``check``'s SN004), where the patterns above match
# whole short lines.
INLINE_CHROME = re.compile(
    r"\b(READ MORE|Read more:|ADVERTISEMENT|Advertisement|Story continues below|Continue reading the main story"
    r"|Subscribe to|Sign up for|Click here|Share this (article|story)|All rights reserved)\b|©"
    # Other languages' markers: the ad labels only as a line of their own ("Anzeige" is also a police report).
    r"|^\s*(Anzeige|ANZEIGE|Werbung|Publicité|PUBLICITÉ|Publicidad|Pubblicità)\s*$"
    r"|\b(Lesen Sie auch|LESEN SIE AUCH|Lire aussi|À lire aussi|Leia também|Lea también|Leggi anche):"
)

# "READ MORE:" and friends announce a teaser headline inside the article.
_TEASER_MARKER = re.compile(
    r"^(read more|read also|also read|related|see also|more|watch|listen|read|recommended|related (story|article)"
    r"|further reading|must read|lire aussi|à lire aussi|voir aussi|lesen sie auch|leia também|lea también"
    # The same in other languages: read also, see also, you may be interested in.
    r"|auch interessant|también (le|te) pueden? interesar|le pueden? interesar|te pueden? interesar"
    r"|leggi anche|veja também|lees ook|lue myös|zobacz (też|także|również)|czytaj (też|także|również)"
    r"|weiterlesen|mehr lesen|mehr dazu|lire la suite|lire plus|leer más|lea más|lee también|mirá también"
    r"|leia mais|leia também|leggi di più|czytaj więcej|czytaj dalej|lees meer|schon gelesen"
    # Spanish, Portuguese and German teaser labels over another story's headline ("Lea: ...",
    # "PUEDES VER: ...", "Lesen Sie hier: ..."): 8 lines of extraction-train's snippet pages hold
    # a snippet to drop, none one to keep, and no full-gold training page has one.
    r"|lea|mira|mire|puedes ver|vea también|ver también|te recomendamos|también lee|te puede interesar"
    r"|podría interesarte|noticia relacionada|sigue leyendo|siga leyendo|saiba mais|lesen sie hier|lesenswert"
    r"|mehr zum thema|zum thema|passend dazu|ebenfalls interessant|das könnte sie auch interessieren)"
    r"\s*(:|>|»|\||–|—)\s*(?P<rest>.*)$"
)
# The markers that say "read this too" in two words or more, alone on their line without a colon
# ("Lesen Sie auch", "Auch interessant", "Zobacz także"): the headline they announce is on the line
# under them. On extraction-train, 6 such lines of the full-gold pages, none in the gold; on the
# snippet pages 13 hold a snippet to drop, none one to keep. ("More", "Read", "Watch" alone are
# menu words as often; "Further reading" heads a list the gold keeps. "Related article" and "Te
# recomendamos" alone are end markers, which ``phrase_code`` tries first.)
_LONE_TEASER_MARKER = re.compile(
    r"^(see also|also read|read also|must read|related story|lesen sie auch|auch interessant"
    r"|(también )?(te|le) pueden? interesar|zobacz (też|także|również)|czytaj (też|także|również)"
    r"|veja também|leia também|lea también|lee también|mirá también|vea también|ver también|saiba mais"
    r"|lesenswert|passend dazu|leggi anche|lire aussi|voir aussi|lue myös|lees ook|schon gelesen"
    r"|ebenfalls interessant|noticia relacionada|podría interesarte)\s*$"
)

_SOCIAL_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "sharing",
        "tweet",
        "email",
        "e",
        "mail",
        "facebook",
        "twitter",
        "x",
        "pinterest",
        "linkedin",
        "whatsapp",
        "reddit",
        "print",
        "save",
        "copy",
        "link",
        "messenger",
        "telegram",
        "flipboard",
        "comment",
        "comments",
        "this",
        "article",
        "story",
        "on",
        "via",
        "the",
        "mail",
        "sms",
        "google",
        "tumblr",
        "bluesky",
        "threads",
        "instagram",
        "youtube",
        "rss",
        "follow",
        "us",
        "and",
        "or",
        "page",
        # The same bar in other languages ("Beitrag teilen", "Mit Freunden teilen", "Partager cet article").
        "teilen",
        "twittern",
        "drucken",
        "merken",
        "versenden",
        "beitrag",
        "artikel",
        "seite",
        "mit",
        "freunden",
        "per",
        "partager",
        "imprimer",
        "envoyer",
        "cet",
        "compartir",
        "imprimir",
        "enviar",
        "compartilhar",
        "condividi",
        "stampa",
        "udostępnij",
        "podziel",
        "się",
        "drukuj",
        "delen",
        "sharen",
        "ツイート",
        "シェア",
        "シェアする",
        "分享",
    ]
)

# Social words that make no share bar alone ("MIT", "Per", "Artikel").
_SHARE_FILLERS = frozenset(
    ["this", "the", "on", "us", "mit", "per", "seite", "artikel", "beitrag", "cet", "się", "freunden"]
)

# Share widgets that spell themselves out (WordPress: "Click to share on
# Twitter (Opens in new window)", "Like this:").
# A floating alternative opens with a letter (a word's start checked after it, by a look-behind):
# one that opens with "\b" or a group makes the engine try it at every position of every line,
# and the search of them all took three times as long.
_SHARE_WIDGET_ALTERNATIVES = (
    r"click(?<!\wclick) to (share|email|print)\b",
    r"\(opens in (a )?new window\)",
    r"^like this:?$",
)

# Link labels on a line of their own ("Read more", "Mehr erfahren"): the teaser above them is a link.
_LINK_LABELS = (
    "read more",
    "learn more",
    "mehr erfahren",
    "weiterlesen",
    "mehr lesen",
    "lire la suite",
    "en savoir plus",
    "leer más",
    "leia mais",
    "czytaj więcej",
    "lees meer",
)

# A caption ending in its picture's credit, after a sentence's end, "(" or "|": searched only in
# a line that holds a colon (``_rules_out``); every position of a line is a place to try it.
_CREDIT_AT_END = r"(?:photo|foto|bild|image|picture|photograph|fotografía|imagen)s?(?: credits?)? ?: ?[^:]{2,50}\)?\.?$"
_CAPTION_CREDITS = (r"[.!?] " + _CREDIT_AT_END, r"[(|] ?" + _CREDIT_AT_END)  # each opens with a class: no group

# Each boilerplate pattern as its alternatives: a line matches the pattern when
# it matches one of them. Those that start with "^" match only at the line's
# start, which ``_rules_out`` uses.
_JUNK_ALTERNATIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("junk:url", (r"^(https?://|www\.)\S+$",)),
    (
        "junk:copyright",
        (
            r"©",
            r"\(c\) ?\d{4}",
            r"copyright(?<!\wcopyright)\b",
            "all rights reserved",
            "tous droits",
            "derechos reservados",
        ),
    ),
    (
        "junk:comments",
        (
            "view (all )?comments",
            "no comments yet",
            "be the first to comment",
            "comments? (are|is) closed",
            "post a comment",
            "show comments",
            "load (more )?comments",
            "^notify of$",
            "article rating",
            r"^\d+ (votes?|comments?|replies)$",
            "would love your thoughts",
            # The comment form's lines, in other languages too. Each phrase added here opens the
            # line and starts with a letter: ``_rules_out`` tries the anchored ones once a line,
            # and the engine passes over one at its first letter (a group it has to enter).
            "^your email address will not be published",
            # WordPress's comment form: its spam filter's notice and its login prompt (14 lines of
            # the full-gold training pages, none in the gold), and a field's "(not published)".
            "^this site uses akismet",
            "^diese (website|webseite|seite) verwendet akismet",
            "^ce site utilise akismet",
            "^este sitio (web )?(usa|utiliza) akismet",
            "^questo sito (usa|utilizza) akismet",
            "^you must be (logged in|registered)",
            "^du musst (angemeldet|eingeloggt) sein",
            "^sie müssen (angemeldet|eingeloggt) sein",
            "^vous devez être connecté",
            r"will not be published\)$",
            r"nicht veröffentlicht\)$",
            "^deine e-mail-adresse wird nicht veröffentlicht",
            "^ihre e-mail-adresse wird nicht veröffentlicht",
            "^discussion about this post",
            r"^netiquette\b",
            r"^kommentieren\b",
            r"^jetzt kommentieren\b",
            "^kommentar schreiben",
            "^schreibe(?:n sie)?(?: jetzt)? (?:einen|deinen|ihren) kommentar",
            "^hinterlasse(?:n sie)?(?: jetzt)? (?:einen|deinen|ihren) kommentar",
            "^laisser un commentaire",
            "^deja (?:un|tu) comentario",
            "^deixe (?:um|seu) comentário",
            "^lascia un commento",
            "^dodaj komentarz",
            r"^(reply|report|flag|permalink|like|likes|\d+ likes?|report abuse|load more)$",
        ),
    ),
    (
        "junk:subscribe",
        (
            *(
                rf"{phrase}(?<!\w{phrase})\b"
                for phrase in (
                    *("subscribe", "newsletter", "sign up", "sign in", "log in", "login", "log out", "register now"),
                    *("inbox", "unsubscribe", "create an account", "my account", "free trial"),
                )
            ),
            *(rf"^{verb}\b.{{0,25}}$" for verb in ("registrieren", "anmelden", "einloggen", "abonnieren")),
            r"^mitglied werden\b.{0,25}$",
            r"^jetzt (?:kostenlos )?(?:registrieren|anmelden|einloggen|abonnieren|mitglied werden)\b.{0,25}$",
            r"^hier (?:kostenlos )?(?:registrieren|anmelden|einloggen)\b.{0,25}$",
            r"^kostenlos (?:registrieren|anmelden|abonnieren)\b.{0,25}$",
            "^schon registriert",
            "^passwort vergessen",
            "^passwort:?$",
            *(f"^{phrase}" for phrase in ("abonnez-vous", "s'abonner", "se connecter", "suscríbete", "iniciar sesión")),
            *(f"^{phrase}" for phrase in ("regístrate", "inscreva-se", "assine já", "zaloguj", "zarejestruj")),
        ),
    ),
    (
        "junk:app",
        (
            "download (the|our) app",
            "get the app",
            "scan (the )?qr code",
            "^(app store|google play|app-store ?play-store)$",
            "available on (the )?(app store|google play)",
            "download it on (the )?(app store|google play)",
        ),
    ),
    (
        # A picture's or the agencies' credit on a line of its own: on the training pages 424
        # short lines open with such a label ("Photo:", "Foto:", "Credit:", "Bildquelle:"), 6 of
        # them in the gold text. A caption that ends in its picture's credit ("... the year.
        # Foto: Andina", "... (Photo: Getty)"): 36 short lines of the full-gold training pages,
        # 1 in the gold; on their snippet pages 12 hold a snippet to drop, 2 one to keep.
        "junk:credit",
        (
            r"^\(?(photo|image|picture|foto|bild|photograph)s?( credits?)? ?:",
            r"^\(?(credits?|bildquelle|fotoquelle|bildnachweis|beitragsbild|titelbild|crédits? photos?"
            r"|crédit photo) ?:",
            # "Photo by Jane Doe on Unsplash", "Image courtesy of NASA": on the full-gold training
            # pages 43 short lines open so, 3 of them in the gold; on the snippet pages 1 to drop. (Not
            # searched for behind a caption: a floating "photo by" costs the phrase search a fifth more.)
            r"^\(?(photo|image|picture)s? (by|courtesy of) ",
            r"^\(?(photo|image|picture) from ",
            # An embedded post's footer, "A post shared by Name (@handle)": 23 lines, none in the gold.
            r"^a post shared by ",
            r"^\(?with inputs from\b",
            # Polish "Fot. Name / Agency"; German "(Symbolbild)" after a caption, or opening it.
            r"^\(?fot\. ",
            r"\(symbolbild\)\.?$",
            r"^\(?(symbolbild|symbolfoto|archivbild|archivfoto)\b",
            *_CAPTION_CREDITS,
        ),
    ),
    (
        "junk:ad",
        (
            "^(advertisement|advertising|sponsored|ad|ads|story continues below( advertisement)?|continue reading"
            "( below| the main story)?|scroll to continue( with content)?|publicité|anzeige|werbung|publicidad"
            "|reklama|anuncio|pubblicità|publicidade|advertentie|mainos|gesponsert) ?:?$",
        ),
    ),
    (
        "junk:nav",
        (
            "skip to (main )?content",
            "skip navigation",
            "toggle navigation",
            "main menu",
            "back to top",
            "^menu$",
            "^search$",
            "^home$",
            "^close$",
            "^next$",
            "^previous$",
            "^prev$",
            "^top$",
            r"^(view )?all posts by\b",
            r"^more (posts|articles|stories) by\b",
            # The same in German and other languages: back to the list, the next post, to the top.
            r"^zurück(?: zu[rm]? [\w -]{1,30})?$",
            "^vorherige[rs]?(?: (?:beitrag|artikel|eintrag|seite))?$",
            "^nächste[rs]?(?: (?:beitrag|artikel|eintrag|seite))?$",
            "^ältere[rs]? (?:beitrag|beiträge|artikel|eintrag|einträge)$",
            "^neuere[rs]? (?:beitrag|beiträge|artikel|eintrag|einträge)$",
            *(f"^{phrase}" for phrase in ("nach oben", "zum seitenanfang", "direkt zum inhalt", "zum inhalt springen")),
            *(f"^{phrase}" for phrase in ("zur navigation", "hauptmenü", "post navigation", "retour en haut")),
            *(f"^{phrase}" for phrase in ("volver arriba", "voltar ao topo", "torna su", "beitrags-?navigation")),
            *(f"^{word}:?$" for word in ("menü", "navigation", "startseite", "suche", "suchen", "suche nach")),
            *(f"^{word}:?$" for word in ("search for", "sie sind hier", "accueil", "rechercher", "inicio", "buscar")),
            *(f"^{word}:?$" for word in ("cerca", "szukaj")),
            # A link's label on a line of its own, under the teaser it opens.
            *(f"^{label}(?: ?[»›>→]| ?\\.{{1,3}}| ?…)?$" for label in _LINK_LABELS),
        ),
    ),
    (
        "junk:legal",
        (
            "we use cookies",
            "cookie (policy|settings|preferences|consent)",
            "accept (all )?cookies",
            "enable javascript",
            "requires? javascript",
            "turn on javascript",
            "javascript (is )?(disabled|required)",
            "privacy (policy|notice)",
            "terms (of|and) (use|service|conditions)",
            "do not sell",
            "advertising choices",
            "interest-based",
            # German and other languages: the legal pages' links and the cookie notice.
            "^datenschutz(?:erklärung|hinweise|einstellungen)?$",
            "^impressum$",
            "^nutzungsbedingungen$",
            "^agb$",
            "^cookie-?einstellungen",
            "^wir (?:verwenden|nutzen) cookies",
            "^diese (?:webseite|website|seite) (?:verwendet|nutzt) cookies",
            "^nous utilisons des cookies",
            "^utilizamos cookies",
            "^usamos cookies",
            "^utilizziamo (?:i )?cookie",
            "^używamy (?:plików )?cookies",
            "^korzystamy z (?:plików )?cookies",
            *(
                f"^{phrase}"
                for phrase in ("politique de confidentialité", "mentions légales", "política de privacidad")
            ),
            *(f"^{phrase}" for phrase in ("aviso legal", "política de privacidade")),
        ),
    ),
    (
        "junk:timestamp",
        (
            r"^(time)?(\d+|an?|one) (seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago$",
            r"^(updated|published|posted|last updated)\b.{0,40}$",
            # "Name · March 10, 2017 at 12:20 AM" heads a comment; "14:44 Headline" is a live feed item.
            r"^.{0,60}\b(at|um|à) \d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?$",
            r"^\d{1,2}:\d{2}\b",
        ),
    ),
)
_SHARE_WIDGET = re.compile("|".join(_SHARE_WIDGET_ALTERNATIVES))
_JUNK_PATTERNS = tuple((reason, re.compile("|".join(alternatives))) for reason, alternatives in _JUNK_ALTERNATIVES)
_EVERY_ALTERNATIVE = (*_SHARE_WIDGET_ALTERNATIVES, *(a for _, alternatives in _JUNK_ALTERNATIVES for a in alternatives))


# The regular-expression syntax's own characters, and the quantifiers that may follow a character.
_SPECIAL = frozenset("\\[](){}.*+?^$|")
_QUANTIFIERS = frozenset(["?", "*", "+", "{"])


def by_first_character(alternatives: list[str]) -> str:
    r"""One alternation of ``alternatives`` (regular expressions), those that open with the same
    plain character grouped under it ("click ...|copyright ..." -> "c(?:lick ...|opyright ...)").

    The engine tries an alternation's alternatives one after the other at every position, each
    only as far as its first character when that differs; grouped, it tries a group only where
    its character stands. The same lines match (at the same place: at one position only one
    group can). An alternative that opens with anything else (a group, a class, an escape that
    is no character, a character under a quantifier) stays as it is, after the groups.

    >>> print(by_first_character(["click to share", "copyright", "(opens in)", "a?b", r"\(c\)", r"\d+ ago"]))
    c(?:lick to share|opyright)|\((?:c\))|(opens in)|a?b|\d+ ago
    """
    groups: dict[str, list[str]] = {}
    loose: list[str] = []
    for alternative in alternatives:
        first = alternative[:2] if alternative.startswith("\\") else alternative[:1]
        # A plain character: any but the syntax's own, or an escaped mark ("\\(", "\\."; not "\\d").
        plain = not first[1:].isalnum() if len(first) == 2 else bool(first) and first not in _SPECIAL
        if plain and alternative[len(first) : len(first) + 1] not in _QUANTIFIERS:
            groups.setdefault(first, []).append(alternative[len(first) :])
        else:
            loose.append(alternative)
    parts = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "|".join(parts + loose)


# A line matches some boilerplate pattern iff it starts with an anchored
# alternative (``match``, the "^" left out) or holds another one somewhere
# (``search``). Two patterns, because Python's regex engine tries every
# alternative of one pattern at every position of the line, the anchored
# ones included: one search of them all took three times as long. Each is
# grouped by its alternatives' first characters (``by_first_character``: the
# floating search half the time it took).
_ANCHORED_JUNK = re.compile(by_first_character([a[1:] for a in _EVERY_ALTERNATIVE if a.startswith("^")]))
_FLOATING_JUNK = re.compile(
    by_first_character([a for a in _EVERY_ALTERNATIVE if not a.startswith("^") and a not in _CAPTION_CREDITS])
)
_CAPTION_CREDIT = re.compile("|".join(_CAPTION_CREDITS))


def _rules_out(norm: str) -> bool:
    """True when no boilerplate pattern can match ``norm``: most lines stop here."""
    return (
        _ANCHORED_JUNK.match(norm) is None
        and _FLOATING_JUNK.search(norm) is None
        and (":" not in norm or _CAPTION_CREDIT.search(norm) is None)
    )


# Every code ``phrase_code`` can return, in a fixed order: the model's
# one-hot phrase features follow it.
CODES = (
    "marker:end",
    "teaser:marker",
    "teaser:ellipsis",
    "junk:share",
    "junk:url",
    "junk:copyright",
    "junk:comments",
    "junk:subscribe",
    "junk:app",
    "junk:ad",
    "junk:nav",
    "junk:legal",
    "junk:timestamp",
)
# Codes without a column of their own in the shipped weights, and the column each one sets: a
# credit is a label inside the article, as an ad label is. Their lines are not counted as the
# page's chrome (``features``: ``is_phrase``, its windows, the story pass's count), which the
# trees were fitted to read as the article's edge: counted, a credit pulled the paragraphs around
# it out of the article (benchmarks/README.md).
READ_AS = {"junk:credit": "junk:ad"}


def phrase_code(norm: str, n_words: int) -> str:
    """The code of the chrome phrase a case-folded line matches (one of ``CODES`` or of
    ``READ_AS``), or ''.

    >>> phrase_code("related articles", 2)
    'marker:end'
    >>> phrase_code("read more: musk eyes mars", 5)
    'teaser:marker'
    >>> phrase_code("the mission starts in 2026.", 5)
    ''
    """
    if n_words == 0:
        return ""
    if n_words <= _MAX_MARKER_WORDS and _END_MARKERS.match(norm.strip(_MARKER_DECORATION)):
        return "marker:end"
    if n_words <= _MAX_JUNK_WORDS:
        if _COMMENT_HEADING.match(norm):
            return "marker:end"
        if _TEASER_MARKER.match(norm) or _LONE_TEASER_MARKER.match(norm):
            return "teaser:marker"
        reason = junk_reason(norm)
        if reason:
            return reason
    if n_words <= 40 and norm.endswith(("...", "…")) and not norm.rstrip(".… ").endswith(("'", '"', "”")):
        return "teaser:ellipsis"
    return ""


def stands_alone(norm: str) -> bool:
    """Whether a case-folded teaser-marker line is the marker alone ("read more:"), announcing the
    headline on the line under it, rather than one that carries its own headline ("related: three
    tips for preventative maintenance"), after which the article goes on.

    >>> stands_alone("read more:"), stands_alone("related: three tips for maintenance"), stands_alone("more")
    (True, False, False)
    """
    match = _TEASER_MARKER.match(norm)
    return (match is not None and not match.group("rest").strip()) or _LONE_TEASER_MARKER.match(norm) is not None


def junk_reason(norm: str) -> str:
    """The reason code of the first boilerplate pattern a short line matches.

    >>> junk_reason("© 2025 newsmax. all rights reserved.")
    'junk:copyright'
    >>> junk_reason("share tweet email")
    'junk:share'
    >>> junk_reason("the mission starts in 2026.")
    ''
    """
    # Only a line whose first word is a social word can be all social words: most lines stop at one search.
    first = WORD_RE.search(norm.lower())
    if first is not None and first.group() in _SOCIAL_WORDS:
        tokens = words(norm)
        if all(t in _SOCIAL_WORDS for t in tokens) and any(t not in _SHARE_FILLERS for t in tokens):
            return "junk:share"
    if _rules_out(norm):
        return ""
    if _SHARE_WIDGET.search(norm):
        return "junk:share"
    for reason, pattern in _JUNK_PATTERNS:
        if pattern.search(norm):
            return reason
    return ""
