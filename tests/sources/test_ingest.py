import json

import pytest
from django.core.management import CommandError, call_command

from sources.models import Article

pytestmark = pytest.mark.django_db
TEXT = "Kurdish officials said on Thursday that the road to Kirkuk had reopened after two days."


def test_ingest_reads_txt_html_and_json_files_and_folders(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.html").write_text(
        "<html><head><title>B</title></head><body><article><p>" + "Officials in Baghdad said the convoy was "
        "attacked on Monday and that ten prisoners died in the fighting that followed.</p></article></body></html>"
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text(json.dumps([
        {"title": "C", "outlet": "Reuters", "published": "2014-06-24", "text": "Sources told Reuters all 69 died."},
        {"title": "D", "text": "Human Rights Watch said the count could be higher."},
    ]))
    (tmp_path / "notes.md").write_text("ignored")
    call_command("ingest", str(tmp_path))
    assert Article.objects.count() == 4
    assert Article.objects.get(title="C").outlet.name == "Reuters"
    call_command("ingest", str(tmp_path))  # again: nothing new
    assert Article.objects.count() == 4
    assert "already ingested" in capsys.readouterr().out


def test_ingest_reports_bad_files_and_keeps_going(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "good.txt").write_text(TEXT)
    with pytest.raises(CommandError, match="3 file"):
        call_command("ingest", str(tmp_path))
    err = capsys.readouterr().err
    assert "Send the article" in err and "Not valid JSON" in err and "binary" in err
    assert Article.objects.count() == 1


def test_ingest_applies_details_given_on_the_command_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    call_command("ingest", str(tmp_path / "a.txt"), "--title", "Road", "--outlet", "VICE News", "--published", "2014-06-27")
    article = Article.objects.get()
    assert (article.title, article.outlet.name, str(article.published_date)) == ("Road", "VICE News", "2014-06-27")
