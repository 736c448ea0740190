"""Per-line features on small hand-made pages."""

import numpy as np

from scrubnews.extract.features import FEATURES, STORY_FEATURES, content_entries, features, line_tokens, story_features
from scrubnews.text import stoplist

STOPS = stoplist("English")
PROSE = "The council voted on Tuesday to expand the bus network into the northern suburbs of the city."


def column(rows: np.ndarray, name: str) -> list[float]:
    return [round(float(x), 3) for x in rows[:, FEATURES.index(name)]]


def page(texts: list[str], blank: bool = True) -> np.ndarray:
    step = 2 if blank else 1
    spans = [(1 + step * i, 1 + step * i) for i in range(len(texts))]
    return features(texts, line_tokens(texts), spans, STOPS)


def test_one_row_per_line_and_one_column_per_name() -> None:
    rows = page(["Home", PROSE, "Share"])
    assert rows.shape == (3, len(FEATURES))
    assert np.isfinite(rows).all()
    assert len(set(FEATURES)) == len(FEATURES)


def test_prose_reads_as_prose_and_menus_do_not() -> None:
    rows = page(["Home", PROSE, "Privacy Policy"])
    assert column(rows, "is_prose") == [0.0, 1.0, 0.0]
    assert column(rows, "ends_sentence") == [0.0, 1.0, 0.0]
    assert column(rows, "stop_density")[1] > 0.3


def test_known_chrome_phrases_are_features() -> None:
    rows = page(["Related Articles", PROSE, "Share this article", "© 2025 Example. All rights reserved."])
    assert rows[0, FEATURES.index("phrase=marker:end")] == 1
    assert rows[2, FEATURES.index("phrase=junk:share")] == 1
    assert rows[3, FEATURES.index("phrase=junk:copyright")] == 1
    assert column(rows, "is_phrase") == [1.0, 0.0, 1.0, 1.0]


def test_a_comment_threads_heading_ends_the_article_whatever_title_it_names() -> None:
    headings = [
        "59 Comments on \u201cThe December Comfort Watches 2025, Day Eighteen: Starship Troopers\u201d",
        "One thought on \u201cPython 3: simple HTTP Request with the Socket module\u201d",
        '3 Kommentare zu "Grenzschlie\u00dfungen: Deutschland und Frankreich"',
        "2 responses to \u201cThe Best Strategy Games Of 2025 So Far\u201d",
        "11 Antworten zu \u201cSunday Thoughts: Ein wenig lost, aber immer noch da!\u201d",
        "Una risposta a \u201cLa ricetta della nonna\u201d",
        "2 réponses à « Le budget de la ville »",
    ]
    prose = [
        "Three comments made at the meeting were about the state of the roads.",
        "Eine Antwort auf die Frage fehlt.",
    ]
    rows = page([*headings, *prose])
    assert column(rows, "phrase=marker:end") == [1.0] * 7 + [0.0, 0.0]


def test_list_headings_in_other_languages_end_the_article_and_read_alsos_announce_a_teaser() -> None:
    headings = ["Das könnte Sie auch interessieren", "Ähnliche Artikel", "Lo más leído", "Tags:", "Komentarze"]
    teasers = ["Zobacz także: Rosja grozi odcięciem gazu", "Le puede interesar: La ficha del caso", "Auch interessant:"]
    prose = "Weitere Nachrichten aus der Region folgen am Montag, sagte der Sprecher der Stadt."
    rows = page([*headings, *teasers, prose])
    assert column(rows, "phrase=marker:end") == [1.0] * 5 + [0.0] * 4
    assert column(rows, "phrase=teaser:marker") == [0.0] * 5 + [1.0] * 3 + [0.0]


def test_an_author_box_after_the_article_is_chrome() -> None:
    rows = page(["About the author", "View all posts by Jane Doe", "More articles by Jane Doe", "Über die Autorin"])
    assert column(rows, "phrase=marker:end") == [1.0, 0.0, 0.0, 1.0]
    assert column(rows, "phrase=junk:nav") == [0.0, 1.0, 1.0, 0.0]


def test_a_credit_reads_as_an_in_article_label_but_not_as_the_pages_chrome() -> None:
    """A picture's or the agencies' credit sets the ad-label column (the shipped weights have no
    column of its own), and is left out of ``is_phrase``, which the neighbours' windows and the
    story pass read as the article's edge."""
    from scrubnews.extract.phrases import phrase_code

    credits = ["Photo: Reuters/Alex Brandt", "(Foto: dpa)", "Image credit: AFP", "Bildquelle: Peter Ferstl"]
    credits += ["Fot. Lukasz Nowaczyk / Agencja Gazeta", "Die Wege sind gesperrt (Symbolbild).", "Symbolfoto: dpa"]
    credits += ["Photo by Jane Doe on Unsplash", "Image courtesy of NASA", "Titelbild: picture-alliance"]
    credits += ["A post shared by Jane Doe (@janedoe)"]
    agencies = "(With inputs from agencies.)"
    assert [phrase_code(c.casefold(), len(c.split())) for c in [*credits, agencies]] == ["junk:credit"] * 12
    assert phrase_code("the photo: it shows the bridge", 6) == ""
    captions = [
        "Son tres los periodos de vacaciones durante el año escolar. Foto: Andina",
        "Golf im TV: Die Übertragungszeiten im Überblick. (Foto: Getty)",
        "A portrait of the Queen in 2004 (Picture credit: Getty)",
        "Source: county data | Image Credit: Construction Coverage",
    ]
    assert {phrase_code(c.casefold(), len(c.split())) for c in captions} == {"junk:credit"}
    titles = ["How to create dynamic landscape photos: 7 tips", "He said so. Photo opportunities: there were many."]
    titles += ["The photo by the river won the prize.", "Images from Mars show a dry lake"]
    assert {phrase_code(t.casefold(), len(t.split())) for t in titles} == {""}
    rows = page([PROSE, *credits, agencies, "Advertisement", PROSE])
    assert column(rows, "phrase=junk:ad") == [0.0] + [1.0] * 13 + [0.0]
    assert column(rows, "is_phrase") == [0.0] * 13 + [1.0, 0.0]
    assert column(rows, "is_phrase@next")[0] == 0.0


def test_repeats_and_first_copies() -> None:
    rows = page(["Headline here", PROSE, "Headline here"])
    assert column(rows, "log_repeats") == [round(np.log(2), 3), 0.0, round(np.log(2), 3)]
    assert column(rows, "is_first_copy") == [1.0, 1.0, 0.0]


def test_blank_lines_are_seen_and_their_absence_too() -> None:
    assert column(page(["a b", PROSE, "c d"], blank=True), "blank_before") == [1.0, 1.0, 1.0]
    assert column(page(["a b", PROSE, "c d"], blank=False), "blank_before") == [1.0, 0.0, 0.0]
    assert column(page(["a b", PROSE, "c d"], blank=False), "doc_blank_share") == [round(1 / 3, 3)] * 3


def test_cjk_lines_count_characters_as_words() -> None:
    line = ["市議会は火曜日、計画を可決した。"]
    rows = features(line, line_tokens(line), [(1, 1)], frozenset())
    assert column(rows, "cjk_share")[0] > 0.9
    assert column(rows, "log_words")[0] > np.log1p(5)


def test_neighbour_windows_average_the_neighbours() -> None:
    rows = page(["Home", PROSE, PROSE + " Again.", "Share"])
    assert column(rows, "is_prose@prev") == [0.0, 0.0, 1.0, 1.0]
    assert column(rows, "is_prose@next") == [1.0, 1.0, 0.0, 0.0]


def test_story_features_see_a_change_of_topic() -> None:
    texts = [
        PROSE,
        "The council said the new bus routes in the suburbs would start running in the spring.",
        "Council members argued about the bus fares and the suburbs for two years.",
        "Scientists found a tiny frog species in a remote rainforest valley of the highlands.",
        "The frog researchers surveyed rainforest streams and waterfalls for three months.",
    ]
    rows = page(texts)
    places = np.array([1, 1, 1, 1, 1])
    story = story_features(content_entries(line_tokens(texts), STOPS), rows, np.full(5, 2.0), places)
    assert story.shape == (5, len(STORY_FEATURES))
    lede = STORY_FEATURES.index("lede_similarity")
    assert story[1, lede] > story[4, lede]
    shift = STORY_FEATURES.index("max_shift_since_start")
    assert story[4, shift] >= story[1, shift]


def test_run_similarities_tell_the_story_going_on_after_a_widget_from_another_story() -> None:
    """After a "Related" box the article's runs share its names; a story appended under feed
    chrome shares nothing with the runs above it or with the lede."""
    texts = [
        "The council said the new bus routes in the suburbs would start running in the spring.",
        "Council members argued about the bus routes and the fares for two years.",
        "Related",
        "Scientists find a tiny frog",
        "The council will vote on the bus fares for the suburbs next month, members said.",
        "More stories",
        "Scientists found a tiny frog species in a remote rainforest valley of the highlands.",
        "The frog researchers surveyed rainforest streams and waterfalls for three months.",
    ]
    logits = np.array([3.0, 3.0, -3.0, -3.0, 3.0, -3.0, 3.0, 3.0])
    places = np.array([1, 1, 2, 2, 1, 3, 3, 3])  # the first decode: the article ends at the chrome
    story = story_features(content_entries(line_tokens(texts), STOPS), page(texts), logits, places)
    lede, article = (STORY_FEATURES.index(name) for name in ("run_lede_similarity", "run_article_similarity"))
    runs_before = STORY_FEATURES.index("article_runs_before")
    assert story[4, article] > 0.3 and story[6, article] == 0.0 and story[7, lede] == 0.0
    assert story[2, article] == story[4, article]  # the widget's lines read as the run after them
    assert story[0, runs_before] == 0.0 and story[4, runs_before] < story[6, runs_before]


def test_run_similarities_equal_the_dense_computation_to_the_bit() -> None:
    """The sparse sums (each word's running count over the runs) against a run-by-word matrix:
    every sum adds whole numbers, so the two agree exactly, on pages of many short runs."""
    from scrubnews.extract.features import _run_similarities
    from scrubnews.extract.hot import kernels

    def dense(entries: np.ndarray, high: np.ndarray, start: int, in_lede: np.ndarray) -> np.ndarray:
        n, (line, word, count) = len(high), (entries[:, 0].astype(int), entries[:, 1].astype(int), entries[:, 2])
        run = np.cumsum(np.concatenate([[0], high[1:] != high[:-1]]))
        matrix = np.zeros((run[-1] + 1, word.max() + 1))
        np.add.at(matrix, (run[line[high[line]]], word[high[line]]), count[high[line]])
        lede = np.bincount(word, weights=count * in_lede[line], minlength=matrix.shape[1])
        in_article = np.array(
            [high[run == r].any() and np.flatnonzero(run == r)[-1] >= start for r in range(len(matrix))]
        )
        before = np.vstack([np.zeros(matrix.shape[1]), np.cumsum(matrix * in_article[:, None], axis=0)[:-1]])
        norms = np.sqrt((matrix * matrix).sum(axis=1))
        cos = [
            (matrix @ lede, norms * np.sqrt(lede @ lede)),
            ((matrix * before).sum(axis=1), norms * np.sqrt((before * before).sum(axis=1))),
        ]
        columns = [np.divide(a, b, out=np.zeros(len(a)), where=b > 0) for a, b in cos]
        columns += [np.log1p(np.maximum(np.cumsum(in_article) - 1, 0) * in_article), (before.sum(axis=1) > 0) * 1.0]
        owner = [run[next((j for j in range(i, n) if high[j]), i)] if high[i:].any() else -1 for i in range(n)]
        return np.array([[c[o] if o >= 0 else 0.0 for c in columns] for o in owner])

    rng = np.random.default_rng(5)
    vocabulary = [f"word{k}" for k in range(40)]
    for _ in range(200):
        n = int(rng.integers(1, 40))
        tokens = [[vocabulary[k] for k in rng.integers(0, 40, size=int(rng.integers(0, 12)))] for _ in range(n)]
        high = rng.random(n) < rng.random()
        in_lede = (rng.random(n) < 0.2).astype(np.float64)
        entries = kernels.content_entries(tokens, frozenset())
        if len(entries) and high.any():
            start = int(rng.integers(0, n))
            assert np.array_equal(
                _run_similarities(entries, high, start, in_lede), dense(entries, high, start, in_lede)
            )


def test_a_lines_own_columns_are_its_definitions_to_the_bit() -> None:
    """The columns made for all lines at once equal each line's definition as ``math`` computes it
    (numpy's ``log1p`` differs in the last bit at 2, 13, 47 ... characters: the trees were fitted
    on ``math``'s), and repeats are counted on the case- and space-folded line."""
    import math

    texts = ["ab", "Twelve chars", "x" * 46, PROSE, "Read More:", "read   more:", "- By Jane Doe", "東京都は月曜日"]
    rows = page(texts)
    stripped = [t.strip() for t in texts]
    assert rows[:, FEATURES.index("log_chars")].tolist() == [math.log1p(len(t)) for t in stripped]
    assert rows[:, FEATURES.index("log_words")].tolist() == [math.log1p(w) for w in (1, 2, 1, 17, 2, 2, 3, 4)]
    assert column(rows, "log_repeats") == [0.0, 0.0, 0.0, 0.0, round(math.log(2), 3), round(math.log(2), 3), 0, 0]
    assert column(rows, "is_first_copy") == [1, 1, 1, 1, 1, 0, 1, 1]
    assert column(rows, "ends_colon") == [0, 0, 0, 0, 1, 1, 0, 0]
    assert column(rows, "starts_lower") == [1, 0, 1, 0, 0, 1, 0, 0]
    assert column(rows, "starts_bullet") == [0, 0, 0, 0, 0, 0, 1, 0]
    assert column(rows, "cjk_share") == [0, 0, 0, 0, 0, 0, 0, 1]
    assert column(rows, "is_linklike") == [0, 1, 0, 0, 1, 0, 1, 0]  # short, capitalised, no sentence end


def test_empty_page() -> None:
    assert features([], [], [], STOPS).shape == (0, len(FEATURES))


def test_the_url_column_finds_every_line_the_whole_pattern_finds() -> None:
    """``_URL_MAY_HOLD`` only leaves out lines ``_URL`` cannot match (any case, odd letters, line ends)."""
    import random

    from scrubnews.extract.features import _URL, _pattern_columns

    rng = random.Random(3)
    pool = [
        "HTTPS://",
        "http:/",
        "://",
        "Www.",
        "wWw",
        "ww.",
        "a@b.C",
        "@",
        "x@y",
        ".COM",
        ".De",
        ".dE",
        ".Html",
        ".htm",
        ".org",
        ".N",
        ".e",
        "e.g.",
        "U.S.",
        "Ph.D.",
        "ſ",
        "K",
        "İ",
        ".",
        " ",
        "\u00a0",
        "com",
        "\t",
        "ä",
    ]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    expected = [float(bool(_URL.search(t))) for t in texts]
    assert _pattern_columns(texts)["has_url"].tolist() == expected
    assert sum(expected) > 500  # the pool does make URLs


def test_the_date_patterns_look_ahead_leaves_every_match_in_place() -> None:
    """``_DATE`` says once that a match starts with a digit or a month's first letter: it matches
    where and what the pattern without the look-ahead matches, in any case and odd letters."""
    import random
    import re

    from scrubnews.extract.features import _DATE

    months = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember"
    plain = re.compile(
        r"\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}[./]\d{1,2}[./](19|20)?\d\d\b"
        rf"|\b({months})[a-zä]*\.? \d{{1,2}}\b|\b\d{{1,2}}\.? ({months})[a-zä]*\b"
        r"|\b\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago\b",
        re.I,
    )
    rng = random.Random(5)
    pool = ["Jan", "JANUAR", "März", "MÄRZ", "ſep", "Sep.", "12", "3.", "2025-03-04", "1/2/2025", "04.05.19", "5"]
    pool += ["hours", "ago", "x", "Juli", "DEZEMBER", "ſ", "K", "İ", "mai", "May", "a", "19", "2019", "-", "/", "ä"]
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(1, 6))) for _ in range(5000)]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 4))) for _ in range(2000)]
    spans = [[m.span() for m in _DATE.finditer(t)] for t in texts]
    assert spans == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(bool, spans)) > 1000  # the pool does make dates


def test_share_nav_comment_signup_and_legal_phrases_in_other_languages_are_features() -> None:
    from scrubnews.extract.phrases import phrase_code

    expected = {
        "Beitrag teilen:": "junk:share",
        "Mit Freunden teilen": "junk:share",
        "Partager cet article": "junk:share",
        "Zurück zur Übersicht": "junk:nav",
        "Vorheriger Beitrag": "junk:nav",
        "Sie sind hier:": "junk:nav",
        "Weiterlesen": "junk:nav",
        "Learn more.": "junk:nav",
        "Schreibe einen Kommentar": "junk:comments",
        "Deine E-Mail-Adresse wird nicht veröffentlicht.": "junk:comments",
        "Kostenlos registrieren und weiterlesen": "junk:subscribe",
        "Schon registriert? Hier einloggen": "junk:subscribe",
        "Datenschutzerklärung": "junk:legal",
        "Diese Website verwendet Cookies.": "junk:legal",
        "Reklama": "junk:ad",
        "Anzeige:": "junk:ad",
        "Meistgelesen": "marker:end",
        "Notas relacionadas": "marker:end",
        "Weiterlesen: Die Bahn erhöht die Preise": "teaser:marker",
        "Lea: Consejo Permanente de la OEA aborda la crisis": "teaser:marker",
        "PUEDES VER: ¿Qué es la Sunedu?": "teaser:marker",
        "Lesen Sie hier: Spielabbruch in der Kreisliga": "teaser:marker",
        "Lesen Sie auch": "teaser:marker",
        "Auch interessant": "teaser:marker",
        "Zobacz także": "teaser:marker",
        "More": "",
        "Further reading": "",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.": "junk:comments",
        "Diese Website verwendet Akismet, um Spam zu reduzieren.": "junk:comments",
        "Du musst angemeldet sein, um einen Kommentar abzugeben.": "junk:comments",
        "E-Mail (wird benötigt und nicht veröffentlicht)": "junk:comments",
    }
    prose = [
        "Anmelden können sich alle Schüler der Stadt bis Freitag.",
        "Zurück in die Zukunft kam 1985 in die Kinos.",
        "Per Mail an die Redaktion schrieb sie am Montag.",
        "Die Seite der Regierung war am Abend nicht erreichbar.",
        "Mira se fue a Madrid el lunes: no volvió.",
        "Der Bericht wird nicht veröffentlicht, sagte er.",
    ]
    found = {line: phrase_code(line.casefold(), len(line.split())) for line in [*expected, *prose]}
    assert found == {**expected, **dict.fromkeys(prose, "")}
