"""camket for spaCy users: `spacy.blank("vi")` with camket's tokenizer and the `camket` component, found
through the package's entry points (no camket import needed), writes entities and commitments on the Doc."""
import json
import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

TEXT = ("Huyện Cần Giờ phấn đấu đến năm 2030 có 90% hộ dân dùng nước sạch.\n"
        "Ông Nguyễn Văn Thành, Chủ tịch UBND huyện, cho biết năm 2024 huyện đã có 76% hộ dùng nước sạch.")


def test_a_spacy_user_gets_entities_and_commitments_through_the_entry_points():
    code = (
        "import json, sys, spacy\n"
        "nlp = spacy.blank('vi', config={'nlp': {'tokenizer': {'@tokenizers': 'camket.Tokenizer'}}})\n"
        "nlp.add_pipe('camket')\n"
        "text = sys.stdin.read()\n"
        "doc = nlp(text)\n"
        "print(json.dumps({'same': doc.text == text,"
        " 'ents': [(e.label_, e.start_char, e.end_char) for e in doc.ents],"
        " 'spans': [(s.start_char, s.end_char, s._.camket_type, s._.camket_deadline, s._.camket['id'])"
        " for s in doc.spans['commitments']]}))\n")
    out = subprocess.run([sys.executable, "-c", code], input=TEXT, capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    assert res["same"] is True
    assert ("PER", TEXT.index("Nguyễn"), TEXT.index("Nguyễn") + len("Nguyễn Văn Thành")) in map(tuple, res["ents"])
    kinds = {(TEXT[s:e].split(",")[0][:13], kind) for s, e, kind, _, _ in res["spans"]}
    assert ("Huyện Cần Giờ", "target") in kinds
    target = next(s for s in res["spans"] if s[2] == "target")
    assert target[3]["year"] == 2030


def test_the_component_reuses_the_tokenizers_document():
    from pipeline.spacy_pipe import CamketComponent, CamketTokenizer
    from pipeline.extractor import Extractor
    nlp = spacy.blank("xx")
    doc = CamketTokenizer(nlp.vocab)(TEXT)
    document = doc._.camket_document
    out = CamketComponent(Extractor.load())(doc)
    assert out._.camket_document is document and out.text == TEXT
    assert [t.text for t in out if not t.is_space][:2] == ["Huyện", "Cần Giờ"]  # underthesea words, re-aligned
    for span in out.spans["commitments"]:
        rec = span._.camket
        assert TEXT[rec["sentence"]["start"]:rec["sentence"]["end"]] == rec["sentence"]["text"]
