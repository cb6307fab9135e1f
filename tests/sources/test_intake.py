import pytest

from sources.intake import IngestError, clean_text, content_hash, decode, html_to_text

ARTICLE_HTML = """<html><head><title>Peshmerga hold Kirkuk</title>
<meta name="author" content="Sample Desk"><meta property="article:published_time" content="2014-06-27">
</head><body><nav>Home | World</nav><article><h1>Peshmerga hold Kirkuk</h1>
<p>Kurdish forces remained in control of Kirkuk on Friday, a regional spokesman said.</p>
<p>The spokesman told reporters that the city would stay under Kurdish protection for now.</p>
</article><footer>Copyright</footer></body></html>"""


def test_clean_text_normalises_space_and_line_endings():
    assert clean_text("  Kirkuk\r\n\r\n\r\n\r\nis   calm \t today  ") == "Kirkuk\n\nis calm today"


@pytest.mark.parametrize("bad, why", [("", "no text"), ("   \n ", "no text"), ("a\x00b", "NUL")])
def test_clean_text_refuses_empty_and_binary(bad, why):
    with pytest.raises(IngestError, match=why):
        clean_text(bad)


def test_clean_text_refuses_oversized(settings):
    settings.BRIEFWIKI_MAX_ARTICLE_CHARS = 100
    with pytest.raises(IngestError, match="too long"):
        clean_text("word " * 50)


PARAGRAPH = "Officials said 59 militants were killed near Tikrit in an air strike on Thursday."


def test_the_same_paragraph_pasted_many_times_is_refused_with_the_reason():
    pasted = "\n\n".join([f"Kirkuk report {i}: markets reopened." for i in range(3)] + [PARAGRAPH] * 40)
    with pytest.raises(IngestError, match=r"come again and again \(39 repeated, 9\d% of the text\)"):
        clean_text(pasted)


def test_a_few_repeated_lines_are_kept():
    text = "\n\n".join([PARAGRAPH, "Advertisement", "Another paragraph about the dam at Haditha, long enough.",
                        "Advertisement", "A third paragraph, on the talks in Erbil between the parties.", PARAGRAPH])
    assert clean_text(text) == text


def test_decode_refuses_binary_and_undecodable_bytes():
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(IngestError, match="not valid UTF-8"):
        decode("Kirkuk é".encode("latin-1") + b"\xff\xfe\xfa")
    assert decode("Kirkuk é".encode("latin-1"), declared="latin-1") == "Kirkuk é"
    assert decode("\ufeffKirkuk".encode("utf-8")) == "Kirkuk"


def test_content_hash_ignores_case_and_spacing():
    assert content_hash("Kirkuk  is CALM") == content_hash("kirkuk is\ncalm")
    assert content_hash("Kirkuk is calm") != content_hash("Kirkuk is tense")


def test_html_to_text_keeps_article_text_title_byline_and_date():
    extracted = html_to_text(ARTICLE_HTML)
    assert extracted.title == "Peshmerga hold Kirkuk"
    assert extracted.byline == "Sample Desk"
    assert str(extracted.published) == "2014-06-27"
    assert extracted.text.startswith("Kurdish forces remained in control of Kirkuk")
    assert "Copyright" not in extracted.text and "Home | World" not in extracted.text


def test_html_without_article_text_is_refused():
    with pytest.raises(IngestError, match="No article text"):
        html_to_text("<html><body><nav>menu</nav></body></html>")
