from pathlib import Path

import numpy as np
import pytest

from pipeline.extraction import classifier as clf
from pipeline.extraction.classifier import CommitmentModel, best_threshold, load_model, save_model, trusted_types
from pipeline.extraction.rules import can_commit
from pipeline.extraction.training import grouped_folds, label_candidates
from pipeline.errors import CamketError

MODEL = Path(__file__).resolve().parents[2] / "models" / "commitment.skops"

TARGETS = [
    "Tỉnh phấn đấu đến năm 2025 có 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.",
    "Thành phố đặt mục tiêu đến năm 2030 kinh tế số chiếm 30% GRDP.",
    "Huyện quyết tâm đến cuối năm 2026 có 100% xã đạt chuẩn nông thôn mới.",
    "Ngành du lịch phấn đấu năm nay đón 5 triệu lượt khách.",
    "Tỉnh đề ra chỉ tiêu đến năm 2027 thu hút 50 dự án đầu tư.",
    "Mục tiêu đến năm 2025, tỉnh thuộc nhóm 10 tỉnh dẫn đầu về chỉ số PCI.",
    "Sở sẽ hoàn thành 200 km đường giao thông nông thôn trước năm 2028.",
    "Đến năm 2030, thành phố phấn đấu có 1.000 doanh nghiệp công nghệ số.",
]
ACHIEVEMENTS = [
    "Đến nay, tỉnh đã có 1.123 dịch vụ công trực tuyến mức độ 4.",
    "Năm 2023, huyện đã hoàn thành 12/12 chỉ tiêu kế hoạch đề ra.",
    "Sáu tháng đầu năm, ngành du lịch đã đón 2 triệu lượt khách, tăng 15% so với cùng kỳ.",
    "Chỉ số PCI năm 2022 của tỉnh xếp thứ 5 cả nước.",
    "Tính đến hết năm 2023, toàn tỉnh đã có 90 xã đạt chuẩn nông thôn mới.",
    "Năm qua, thành phố thu hút được 45 dự án với tổng vốn 3.000 tỷ đồng.",
    "Kết quả, tỉnh đã vượt 10% kế hoạch thu ngân sách năm 2022.",
    "Lũy kế đến nay, toàn tỉnh đã giải ngân 1.500 tỷ đồng vốn đầu tư công.",
]
NONES = [
    "Chuyển đổi số là nhiệm vụ đặc biệt quan trọng.",
    "Ông đề nghị các sở, ngành khẩn trương xây dựng kế hoạch.",
    "Ngày 26/5, tại Trung tâm Hội nghị tỉnh, Sở tổ chức hội nghị tổng kết.",
    "Kế hoạch đề ra 14 nhiệm vụ trọng tâm và 6 nhóm giải pháp.",
    "Trận đấu kết thúc với tỷ số 2-1 nghiêng về đội chủ nhà.",
    "Giá xăng hôm nay giảm 500 đồng mỗi lít.",
    "Ảnh: Hội nghị tổng kết công tác năm 2023.",
    "Cần tập trung đào tạo nhân lực số cho các cơ quan nhà nước.",
]


@pytest.fixture(scope="module")
def examples():
    from pipeline.extractor import Extractor
    rules = Extractor(None)
    cands, labels, groups = [], [], []
    for label, rows in (("target", TARGETS), ("achievement", ACHIEVEMENTS), ("none", NONES)):
        for k, sentence in enumerate(rows):
            cs = rules.document(sentence).candidates
            for c in cs:
                cands.append(c)
                labels.append(label)
                groups.append(f"{label}{k}")
    return cands, labels, groups


@pytest.fixture(scope="module")
def small_model(examples):
    cands, labels, groups = examples
    return CommitmentModel(folds=2, max_iter=20).fit(cands, labels, groups)


def test_model_file_untrusted_types_equal_the_allowlist():
    import skops.io as sio
    assert MODEL.exists(), "run `camket train` to write models/commitment.skops"
    assert sorted(sio.get_untrusted_types(file=MODEL)) == sorted(trusted_types())


def test_load_refuses_types_outside_the_allowlist(monkeypatch):
    monkeypatch.setattr(clf, "trusted_types", lambda: [])
    with pytest.raises(CamketError, match="allowlist"):
        load_model(MODEL)


def test_shipped_model_decides_clear_cases(examples):
    model = load_model(MODEL)
    cands, labels, _ = examples
    out = model.decide(cands)
    assert len(out) == len(cands)
    assert all(kind in ("target", "achievement", None) and 0.0 <= conf <= 1.0 for kind, conf in out)
    right = sum((kind or "none") == label for (kind, _), label in zip(out, labels))
    assert right / len(labels) >= 0.75


def test_estimator_style(small_model):
    fresh = CommitmentModel()
    assert set(fresh.get_params()) == {"threshold", "text_C", "type_C", "folds", "max_iter", "learning_rate",
                                       "max_depth", "calibration_ensemble", "phrase_features", "word_ngrams",
                                       "ngram_min_df", "char_ngrams", "type_blend", "article_model", "article_C",
                                       "article_skip_loss", "random_state"}
    assert not any(k.endswith("_") for k in vars(fresh))
    learnt = [k for k in vars(small_model) if k.endswith("_")]
    assert {"vectorizer_", "ngrams_", "text_lr_", "decider_", "typer_", "threshold_", "article_lr_",
            "article_skip_"} <= set(learnt)
    assert small_model.threshold_ in clf.THRESHOLDS


def test_fixed_threshold_is_kept(examples):
    cands, labels, groups = examples
    model = CommitmentModel(threshold=0.6, folds=2, max_iter=10).fit(cands, labels, groups)
    assert model.threshold_ == 0.6


def test_probabilities_sum_to_one_and_decisions_follow_threshold(small_model, examples):
    cands = examples[0]
    p = small_model.proba(cands)
    assert np.allclose(p.sum(axis=1), 1.0)
    for c, (kind, conf), (pa, pn, pt) in zip(cands, small_model.decide(cands), p):
        if not can_commit(c["features"]):  # no value, deadline or date: settled before the model
            assert (kind, conf) == (None, 1.0)
            continue
        assert (kind is not None) == (pa + pt >= small_model.threshold_)
        assert conf == pytest.approx(pa + pt if kind else pn, abs=1e-3)


@pytest.mark.parametrize("blend", [0.0, 1.0])
def test_type_blend_weighs_the_typer_against_the_decider(small_model, examples, blend):
    """type_blend=0: the target share is the decider's own; 1: the typer's (it differs from the decider's)."""
    from sklearn.base import clone
    cands = [c for c in examples[0] if can_commit(c["features"])]
    model = clone(small_model).set_params(type_blend=blend)
    model.__dict__.update({k: v for k, v in vars(small_model).items() if k.endswith("_")})
    p = model.proba(cands)
    decider = clf.ordered_proba(model.decider_, model.features(cands))
    committed = (p[:, 0] + p[:, 2]) >= model.threshold_
    share = p[committed, 2] / (p[committed, 0] + p[committed, 2])
    own = decider[committed, 2] / (decider[committed, 0] + decider[committed, 2])
    assert committed.any()
    if blend == 0.0:
        assert np.allclose(share, own)
    else:
        assert not np.allclose(share, own)


def test_save_and_load_round_trip(small_model, examples, tmp_path):
    path = tmp_path / "m.skops"
    save_model(small_model, path)
    loaded = load_model(path)
    assert loaded.decide(examples[0]) == small_model.decide(examples[0])


@pytest.mark.parametrize("p, truth, expected", [
    ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], 0.3),
    ([0.9, 0.52, 0.48, 0.1], [True, True, False, False], 0.5),
])
def test_best_threshold(p, truth, expected):
    assert best_threshold(np.array(p), np.array(truth), grid=(0.3, 0.5, 0.7)) == expected


def test_label_candidates_takes_the_gold_type_of_the_covered_sentence():
    cands = [{"start": 0, "end": 40}, {"start": 41, "end": 90}, {"start": 91, "end": 120}]
    gold = [{"type": "target", "sentence_start": 41, "sentence_end": 88},
            {"type": "achievement", "sentence_start": 91, "sentence_end": 120}]
    assert label_candidates(cands, gold) == ["none", "target", "achievement"]


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_grouped_folds_keep_articles_whole(seed):
    groups = ["a", "a", "b", "b", "c", "d", "d", "e"]
    folds = grouped_folds(groups, 3, seed)
    assert len(folds) == 3
    for tr, te in folds:
        assert not {groups[i] for i in tr} & {groups[i] for i in te}
        assert sorted(list(tr) + list(te)) == list(range(len(groups)))
    assert sorted(i for _, te in folds for i in te) == list(range(len(groups)))


def test_shuffled_splits_differ_and_repeat():
    groups = [f"a{i}" for i in range(20)]
    split = lambda seed: [sorted(te.tolist()) for _, te in grouped_folds(groups, 5, seed)]  # noqa: E731
    assert split(1) == split(1)
    assert split(1) != split(2)


def test_phrase_features_are_left_out_unless_asked(examples):
    cands, labels, groups = examples
    assert any(k.startswith("kw_") for c in cands for k in c["features"])
    for asked in (False, True):
        model = CommitmentModel(folds=2, max_iter=10, phrase_features=asked).fit(cands, labels, groups)
        names = model.vectorizer_.get_feature_names_out()
        assert any(n.startswith("kw_") for n in names) is asked


@pytest.mark.parametrize("params, parts, longest", [
    ({}, ["words"], 3),
    ({"word_ngrams": 2, "char_ngrams": True}, ["words", "chars"], 2),
])
def test_ngram_options(examples, params, parts, longest):
    cands, labels, groups = examples
    model = CommitmentModel(folds=2, max_iter=10, **params).fit(cands, labels, groups)
    assert [name for name, _ in model.ngrams_.transformer_list] == parts
    words = dict(model.ngrams_.transformer_list)["words"].get_feature_names_out()
    assert max(len(w.split(" ")) for w in words) == longest
    assert {"target", "achievement"} <= {k for k, _ in model.decide(cands)}


def test_an_article_under_the_skip_threshold_is_not_segmented_or_decided(small_model):
    """The article model's skip: below ``article_skip_`` the article's sentences are neither segmented nor
    candidates (sport, crime and market news cost little and give nothing); at 0 nothing is skipped."""
    import copy
    from pipeline.extractor import Extractor
    text = "Tỉnh phấn đấu đến năm 2030 có 95% hộ dân dùng nước sạch. Đội bóng thắng 3-1 trên sân nhà."
    never, always = copy.deepcopy(small_model), copy.deepcopy(small_model)
    never.article_skip_, always.article_skip_ = 0.0, 1.01
    kept, skipped = Extractor(never).document(text), Extractor(always).document(text)
    assert kept.candidates and any(kept.segmented)
    assert skipped.candidates == [] and not any(skipped.segmented) and skipped.entities
    assert 0.0 <= small_model.article_probability("đội bóng thắng trên sân nhà") <= 1.0
