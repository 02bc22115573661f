from __future__ import annotations

from pathlib import Path

from extract.rawstore import FileRawStore, StoredResponse


def test_round_trip_across_instances(tmp_path: Path) -> None:
    store = FileRawStore(tmp_path)
    store.put("https://x.test/a", StoredResponse("https://x.test/a", b'{"a": 1}', etag='"e"'))
    store.put("https://x.test/a", StoredResponse("https://x.test/a", b'{"a": 2}', etag='"f"'))
    again = FileRawStore(tmp_path).get("https://x.test/a")
    assert again is not None
    assert (again.body, again.etag) == (b'{"a": 2}', '"f"')
    assert FileRawStore(tmp_path).urls() == ["https://x.test/a"]


def test_unknown_url_and_torn_index(tmp_path: Path) -> None:
    store = FileRawStore(tmp_path)
    store.put("https://x.test/a", StoredResponse("https://x.test/a", b"body"))
    with (tmp_path / "index.jsonl").open("a") as index:
        index.write('{"key": "trunc')
    fresh = FileRawStore(tmp_path)
    assert fresh.get("https://x.test/b") is None
    assert fresh.get("https://x.test/a") is not None


def test_lost_body_means_download_again(tmp_path: Path) -> None:
    store = FileRawStore(tmp_path)
    store.put("https://x.test/a", StoredResponse("https://x.test/a", b"body"))
    for body in tmp_path.glob("*.gz"):
        body.unlink()
    assert FileRawStore(tmp_path).get("https://x.test/a") is None
