"""Reading text inputs: encodings, folders, globs, and inputs that cannot be read."""

from communique.records import Article, Skipped
from communique.sources import read_paths

TEXT = "Chile and Peru signed a fisheries accord on Monday, officials said. Señor Boric attended."


def _read(*paths):
    return list(read_paths([str(p) for p in paths]))


def test_doc_id_is_file_name_without_last_extension(tmp_path):
    path = tmp_path / "000_f2487f0ba766c688.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = _read(path)
    assert article.doc_id == "000_f2487f0ba766c688"


def test_encodings_decode_to_the_same_text(tmp_path):
    variants = {
        "utf8.txt": TEXT.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        "utf16.txt": TEXT.encode("utf-16"),
        "legacy.txt": TEXT.encode("cp1252"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    articles = _read(tmp_path)
    assert len(articles) == 4
    assert all(isinstance(a, Article) and a.text == TEXT for a in articles)


def test_folders_are_read_recursively_and_globs_expand(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(TEXT)
    (tmp_path / "a" / "b" / "two.txt").write_text(TEXT)
    assert sorted(a.doc_id for a in _read(tmp_path / "a")) == ["one", "two"]
    assert [a.doc_id for a in read_paths([str(tmp_path / "a" / "*.txt")])] == ["one"]


def test_bad_inputs_are_skipped_with_a_reason_and_the_rest_read(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    results = _read(
        tmp_path / "good.txt",
        tmp_path / "empty.txt",
        tmp_path / "binary.txt",
        tmp_path / "missing.txt",
    )
    assert isinstance(results[0], Article)
    skipped = {s.path.rsplit("/", 1)[-1]: s.reason for s in results[1:] if isinstance(s, Skipped)}
    assert skipped["empty.txt"] == "empty file"
    assert "binary" in skipped["binary.txt"]
    assert "No such file" in skipped["missing.txt"]
