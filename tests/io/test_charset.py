from hypothesis import example, given
from hypothesis import strategies as st

from scrubnews.config import DecodeConfig
from scrubnews.document import Document, InputKind
from scrubnews.io.charset import _MOJIBAKE, decode, is_html, without_mojibake
from scrubnews.io.renderings import as_shown


def run(raw: bytes, **kwargs: str) -> Document:
    return decode(Document(path="x", raw=raw), DecodeConfig(**kwargs))


def test_utf8_is_identity_and_recorded() -> None:
    doc = run("Kremlin — “Mars”\r\nnext".encode())
    assert doc.text == "Kremlin — “Mars”\nnext"
    assert doc.encoding == "utf-8"
    assert doc.body == doc.text


def test_bom_is_stripped() -> None:
    doc = run("\ufeffHello".encode())
    assert doc.text == "Hello"
    assert doc.encoding == "utf-8-sig"


def test_legacy_encoding_is_detected() -> None:
    text = "Le président a déclaré que la coopération spatiale était très importante pour l'été. " * 5
    doc = run(text.encode("cp1252"))
    assert doc.is_ok
    assert "président" in doc.text and "été" in doc.text
    assert doc.encoding and doc.encoding != "utf-8"


def test_latin1_western_text_is_not_read_as_central_european() -> None:
    text = "El señor dijo que la situación económica mejoraría después del invierno, según la información oficial. " * 2
    doc = run(text.encode("latin-1"))
    assert "señor" in doc.text and doc.encoding == "cp1252"


def test_central_european_text_keeps_its_code_page() -> None:
    text = "Prezydent powiedział, że współpraca jest bardzo ważna dla naszego kraju i że będzie kontynuowana. " * 2
    doc = run(text.encode("cp1250"))
    assert "współpraca" in doc.text and "ważna" in doc.text


def test_forced_encoding_wins() -> None:
    doc = run("café".encode("latin-1"), encoding="latin-1")
    assert doc.text == "café"
    assert doc.encoding == "latin-1"


def test_binary_is_a_problem_not_a_crash() -> None:
    doc = run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not doc.is_ok
    assert "binary" in (doc.problem or "")


def test_utf16_without_a_bom_is_recognised_by_its_nul_bytes() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        raw = "Hello, a page saved as UTF-16 with no byte order mark.".encode(codec)
        doc = run(raw)
        assert doc.text == "Hello, a page saved as UTF-16 with no byte order mark."
        assert doc.encoding == codec
        assert run(raw, encoding=codec).text == doc.text


def test_utf16_of_a_non_latin_script_without_a_bom_still_needs_the_encoding() -> None:
    raw = "Страница без метки порядка байтов, сохранённая в UTF-16.".encode("utf-16-le")
    assert not run(raw).is_ok  # no run of NUL bytes to go by: it looks binary
    assert run(raw, encoding="utf-16-le").text.startswith("Страница")


def test_binary_is_still_refused_under_a_forced_encoding() -> None:
    doc = run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", encoding="utf-8")
    assert not doc.is_ok
    assert "binary" in (doc.problem or "")


def test_html_is_sniffed_from_content_not_name() -> None:
    assert run(b"<!DOCTYPE html><html><body><p>x</p></body></html>").input_kind is InputKind.HTML
    assert run(b"Plain text that mentions <br> once.").input_kind is InputKind.TEXT
    assert is_html(b"", "<div><p>a</p><p>b</p><span>c</span><a href=x>d</a></div>")


def test_utf8_decoded_twice_is_repaired_and_keeps_its_lines() -> None:
    page = "A DIY Investor’s Guide\n\nIn Part I, I explored calculators of all stripes—simple, complex.\n"
    twice = page.encode("utf-8").decode("latin-1").encode("utf-8")  # what a scraper that decoded twice saved
    doc = run(twice)
    assert doc.body == page  # what the paragraphs are made of
    assert doc.text == twice.decode("utf-8")  # the input as read: check's SN007 reports it
    assert doc.body.count("\n") == doc.text.count("\n")


@given(st.text(alphabet=st.sampled_from("aZ é’—Ã©â€™\u0080\u0099\u00c2\u00f4\n"), max_size=60), st.booleans())
@example(page="A DIY Investorâ€™s Guide", twice=False)  # cp1252's mojibake: C3 but no C2
@example(page="A DIY Investor’s Guide", twice=True)
def test_bytes_without_a_c3_need_no_repair_search(page: str, twice: bool) -> None:
    # decode skips the mojibake search for UTF-8 without a C3 byte; the body is what the search gives.
    raw = page.encode("utf-8")
    raw = raw.decode("latin-1").encode("utf-8") if twice else raw
    doc = run(raw)
    assert doc.body == as_shown(without_mojibake(doc.text))


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), min_size=1, max_size=30))
@example(text="Investor’s Guide")
@example(text="Tomáš Souček")
@example(text="Fine 🙂")  # four bytes: a lead and three continuation bytes
def test_utf8_decoded_twice_is_always_found(text: str) -> None:
    # A non-ASCII character's UTF-8 read as cp1252 (or Latin-1) leaves its lead byte and as many
    # continuation bytes as the lead announces: text with one is found.
    raw = text.encode("utf-8")
    for codec in ("cp1252", "latin-1"):
        twice = raw.decode(codec, errors="ignore") if codec == "cp1252" else raw.decode(codec)
        if codec == "cp1252" and twice.encode(codec, errors="ignore") != raw:
            continue  # a byte cp1252 has no character for: not what a scraper saves
        if any(ord(c) > 0x7F for c in text):
            assert _MOJIBAKE.search(twice) is not None


def test_an_accented_letter_before_a_guillemet_or_an_ellipsis_is_not_mojibake() -> None:
    for text in ("et du débat a explosé»", "sonne ayant travaillé…", "Tomáš Souček, fotbal"):
        assert _MOJIBAKE.search(text) is None
    for text in ("Investorâ€™s", "Investorâ\x80\x99s", "Ã€ bientôt", "cafÃ©"):
        assert _MOJIBAKE.search(text) is not None


def test_text_that_only_looks_foreign_is_left_alone() -> None:
    for page in ("L'âge d'or à Noël, café crème.", "Não há São Paulo sem pão.", "Zürich, Øresund, smørrebrød."):
        assert run(page.encode("utf-8")).text == page
