"""pipeline.extraction.indicators: what a metric measures, as a canonical key (joins targets and results
across articles) and as the phrase written (equal across paraphrases)."""
import json

import pytest
import regex

from pipeline.extraction.indicators import catalog, indicator, indicator_phrase
from pipeline.extraction.metrics import find_metrics
from pipeline.tables import load_table


def _ind(sentence, which=0):
    metrics = find_metrics(sentence)
    return indicator(sentence, 0, len(sentence), metrics[which] if metrics else None)


@pytest.mark.parametrize("sentence, which, key", [
    ("Tỉnh phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP trên địa bàn tỉnh.", 0, "digital_economy_share"),
    ("Năm 2024, tăng trưởng GRDP của tỉnh đạt 8,2%.", 0, "grdp_growth"),
    ("Tỉnh đặt mục tiêu tốc độ tăng trưởng kinh tế bình quân 7%/năm giai đoạn 2021-2025.", 0, "grdp_growth"),
    ("GRDP bình quân đầu người năm 2025 đạt 95 triệu đồng.", 0, "grdp_per_capita"),
    ("Thu nhập bình quân đầu người ở khu vực nông thôn đạt 48 triệu đồng/năm.", 0, "income_per_capita"),
    ("Tổng thu ngân sách trên địa bàn đạt 3.048 tỷ đồng.", 0, "budget_revenue"),
    ("Kim ngạch xuất khẩu của tỉnh năm nay ước đạt 2,1 tỷ USD.", 0, "exports"),
    ("Tỉnh thu hút 12 dự án FDI với tổng vốn đăng ký 450 triệu USD.", 0, "fdi"),
    ("Các khu công nghiệp thu hút thêm 3 dự án với tổng vốn đầu tư đăng ký 1.239 tỷ đồng.", 1, "investment_registered"),
    ("Đến cuối năm 2025, toàn tỉnh có 85 xã đạt chuẩn nông thôn mới.", 0, "new_rural_communes"),
    ("Phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.", 0, "new_rural_communes"),
    ("Tỉnh phấn đấu có thêm 2 huyện đạt chuẩn nông thôn mới trong năm 2026.", 0, "new_rural_districts"),
    ("Tỷ lệ hộ nghèo giảm còn 1,8% vào cuối năm.", 0, "poverty_rate"),
    ("Đến nay tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4 được kết nối.", 0, "online_services"),
    ("Tỷ lệ hồ sơ được giải quyết trực tuyến đạt 65%.", 0, "online_filing_share"),
    ("Năm 2023, tỉnh đón 4,2 triệu lượt khách du lịch, tăng 12% so với năm trước.", 0, "visitors"),
    ("Trong đó có 380.000 lượt khách quốc tế.", 0, "international_visitors"),
    ("Doanh thu du lịch ước đạt hơn 900 tỷ đồng.", 0, "tourism_revenue"),
    ("Tỷ lệ lao động qua đào tạo đạt 70% vào năm 2025.", 0, "trained_labour"),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế đạt 93,5%.", 0, "health_insurance"),
    ("Tỷ lệ đô thị hóa của tỉnh đạt 42% vào năm 2030.", 0, "urbanisation"),
    ("Tỷ lệ che phủ rừng duy trì ở mức 54%.", 0, "forest_cover"),
    ("98% dân cư nông thôn được dùng nước sạch.", 0, "clean_water"),
    ("Tỷ lệ trường đạt chuẩn quốc gia đạt 75%.", 0, "standard_schools"),
    ("Năm 2022, tỉnh xếp thứ 12 về chỉ số năng lực cạnh tranh cấp tỉnh PCI.", 0, "pci"),
    ("Chỉ số cải cách hành chính PAR Index của tỉnh xếp thứ 5 cả nước.", 0, "par_index"),
    ("Chỉ số SIPAS của tỉnh đạt 86,3%.", 0, "sipas"),
    ("Tỉnh phấn đấu thuộc top 15 tỉnh dẫn đầu cả nước về chỉ số chuyển đổi số DTI.", 0, "dti"),
    ("Năm 2017, công ty đặt mục tiêu doanh thu thuần 931 tỷ đồng.", 0, "revenue"),
    ("Lợi nhuận sau thuế đạt 29,4 tỷ đồng.", 0, "profit_after_tax"),
])
def test_canonical_key(sentence, which, key):
    assert _ind(sentence, which)["key"] == key


@pytest.mark.parametrize("sentence, key", [
    ("Đội tuyển giành 3 điểm trước đối thủ.", None),                         # a sports score
    ("Giá vàng hôm nay tăng 2%.", None),                                     # a price
    ("Doanh thu nội địa của bộ phim đạt 318 triệu USD.", "revenue"),         # box office, not budget revenue
    ("Mục tiêu tăng trưởng của ngành du lịch là 15%.", None),                # a sector's growth, not GRDP's
])
def test_lookalikes_do_not_take_a_wrong_key(sentence, key):
    assert _ind(sentence)["key"] == key


def test_a_unit_the_indicator_is_not_measured_in_never_takes_its_key():
    # GRDP growth is a percent: an amount of money next to "tăng trưởng" is not a growth rate
    assert _ind("Tăng trưởng kinh tế gắn với vốn 2.000 tỷ đồng.")["key"] != "grdp_growth"


def test_each_value_of_a_clause_gets_its_own_key():
    s = ("Tổng thu ngân sách đạt 3.048 tỷ đồng, tăng 36% so với cùng kỳ; "
         "khách du lịch ước đạt gần 3 triệu lượt người.")
    out = _ind(s)
    assert out["key"] == "budget_revenue"
    assert [m["key"] for m in out["metrics"]] == ["budget_revenue", "budget_revenue", "visitors"]
    assert [m["start"] for m in out["metrics"]] == [m["start"] for m in find_metrics(s)]


@pytest.mark.parametrize("sentence, key", [
    ("Phấn đấu đến năm 2020 huyện đạt chuẩn nông thôn mới.", "new_rural_districts"),
    ("Dự kiến cuối năm 2026 sẽ hoàn thành đưa vào sử dụng cầu Rạch Miễu 2.", "project_completion"),
    ("Tỉnh tổ chức hội nghị.", None),
])
def test_without_a_value_only_bare_indicators_are_named(sentence, key):
    out = indicator(sentence, 0, len(sentence))
    assert out["key"] == key
    assert (out["text"] is None) == (key is None)


@pytest.mark.parametrize("sentence, which, phrase", [
    ("Tỉnh phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP trên địa bàn tỉnh.", 0, "tỷ trọng kinh tế số trong grdp"),
    ("Hà Nội phấn đấu tỷ lệ hồ sơ đăng ký qua mạng đối với dịch vụ công đạt trên 60%.", 0,
     "tỷ lệ hồ sơ đăng ký qua mạng"),
    ("Đến nay tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4 được kết nối.", 0, "dịch vụ công trực tuyến mức độ 4"),
    ("Tỉnh phấn đấu thuộc top 15 tỉnh dẫn đầu cả nước về mức độ chuyển đổi số.", 0, "xếp hạng mức độ chuyển đổi số"),
    ("Tổng thu ngân sách trên địa bàn đạt 3.048 tỷ đồng.", 0, "thu ngân sách"),
])
def test_text_is_the_phrase_written(sentence, which, phrase):
    assert _ind(sentence, which)["text"] == phrase


@pytest.mark.parametrize("first, second", [
    ("Bình Phước phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP.",
     "Đến năm 2030, tỷ trọng kinh tế số trong GRDP của Bến Tre đạt 30%."),
    ("Tỉ lệ hộ nghèo tỉnh Bến Tre giảm còn 2%.", "Tỷ lệ hộ nghèo của Lào Cai đạt 3%."),
    ("Công bố 100% DVC trực tuyến mức độ 4 của tỉnh.", "Tỉnh có 1.123 dịch vụ công trực tuyến mức độ 4 được kết nối."),
    ("Cung cấp dịch vụ công trực tuyến mức 3 cho người dân.", "Cung cấp các dịch vụ công trực tuyến cấp độ 3."),
])
def test_paraphrases_share_key_and_phrase(first, second):
    a, b = _ind(first), _ind(second)
    assert a["text"] and a["text"] == b["text"]
    assert a["key"] == b["key"]


def test_phrase_is_short_and_has_no_year_or_amount():
    s = "Năm 2017, tỉnh phấn đấu đạt tỷ lệ 100% hồ sơ được giải quyết đúng hạn trong các sở, ngành của tỉnh."
    phrase = _ind(s)["text"]
    assert phrase == "tỷ lệ hồ sơ"
    assert "2017" not in phrase and "100" not in phrase


def test_without_a_metric_names_the_first_value():
    s = "Doanh thu du lịch ước đạt hơn 900 tỷ đồng."
    assert indicator_phrase(s, 0, len(s)) == "doanh thu du lịch"
    assert indicator(s, 0, len(s)) == {"key": "tourism_revenue", "text": "doanh thu du lịch"}
    assert indicator_phrase("Tỉnh tổ chức hội nghị.", 0, 22) is None


def test_the_table_is_well_formed():
    table = load_table("canonical_indicators")
    keys = [e["key"] for e in table["indicators"]]
    assert len(keys) == len(set(keys))
    units = {"percent", "rank", "level", "count", "money", "other"}
    for e in table["indicators"]:
        assert e["name"] and e["en"] and e["patterns"]
        assert set(e["units"]) <= units and e["direction"] in ("higher", "lower") and e["kind"] in ("stock", "flow")
        for p in e["patterns"]:
            regex.compile(p)
    for wanted in ("grdp_growth", "grdp_per_capita", "budget_revenue", "exports", "fdi", "new_rural_communes",
                   "new_rural_districts", "poverty_rate", "online_services", "online_filing_share",
                   "digital_economy_share", "visitors", "tourism_revenue", "trained_labour", "health_insurance",
                   "urbanisation", "forest_cover", "clean_water", "standard_schools", "project_completion",
                   "pci", "par_index", "sipas", "dti"):
        assert wanted in catalog()
    assert catalog()["poverty_rate"]["direction"] == "lower"
    json.dumps(table, ensure_ascii=False)


@pytest.mark.parametrize("sentence, which, key", [
    # keys added to the table for indicators that recur in the pool
    ("Năm nay cả nước phải hoàn thành cổ phần hóa 30 doanh nghiệp nhà nước.", 0, "soe_equitisation"),
    ("Quý I, các bộ đã cổ phần hóa được 4/30 DNNN.", 0, "soe_equitisation"),
    ("Nhà máy phấn đấu nâng tỷ lệ nội địa hóa lên 45%.", 0, "localisation_rate"),
    ("Bội chi ngân sách nhà nước năm nay không vượt quá 3,5% GDP.", 0, "budget_deficit"),
    ("Đại hội thông qua kế hoạch chia cổ tức 8% cho năm tới.", 0, "dividend"),
    ("Ngân hàng giữ tỷ lệ nợ xấu dưới 2%.", 0, "bad_debt_ratio"),
    ("Tổng tài sản của ngân hàng đạt 95.000 tỷ đồng.", 0, "total_assets"),
    ("Công ty tăng vốn điều lệ lên 1.200 tỷ đồng.", 0, "charter_capital"),
    ("Tiền gửi khách hàng đạt 60.000 tỷ đồng.", 0, "deposits"),
    ("Dư nợ cho vay của ngân hàng tăng 14%.", 0, "credit_growth"),
    ("Thành phố đề nghị bố trí vốn ODA 1.500 tỷ đồng cho tuyến đường sắt.", 0, "public_investment_disbursement"),
    ("Công ty đặt mục tiêu LNTT 120 tỷ đồng.", 0, "profit_before_tax"),
    ("Doanh nghiệp dự kiến lãi 45 tỷ đồng trong năm nay.", 0, "profit"),
    ("Xuất khẩu thủy sản phải đạt 9 tỷ USD.", 0, "exports"),
    # growth with a period between GDP and its verb, or growth of a period
    ("GDP 6 tháng đầu năm tăng 5,6% so với cùng kỳ.", 0, "grdp_growth"),
    ("Tăng trưởng của quý II/2019 ước đạt 6,7%.", 0, "grdp_growth"),
    ("Tăng trưởng GDP quý 1/2018 chỉ ở mức 7,4%.", 0, "grdp_growth"),
    ("Chính phủ bàn giải pháp để tăng trưởng đạt 6,5%.", 0, "grdp_growth"),
])
def test_more_canonical_keys(sentence, which, key):
    assert _ind(sentence, which)["key"] == key


@pytest.mark.parametrize("sentence, key", [
    ("Tiền lãi suất cho vay là 7%.", "credit_growth"),        # "lãi suất" is no profit ("cho vay" names the loans)
    ("Công ty chuyển giao 3 dây chuyền.", None),
    ("Doanh thu tăng trưởng đạt 20%.", "revenue"),            # "tăng trưởng" after a noun is that noun's growth
])
def test_new_patterns_keep_their_bounds(sentence, key):
    assert _ind(sentence)["key"] == key


@pytest.mark.parametrize("sentence, which, key", [
    # the indicator is named before the value in the same sentence, too far or past a comma for the clause
    ("Trong năm 2019, cho vay khách hàng cá nhân, khách hàng doanh nghiệp nhỏ và vừa, khách hàng hộ kinh "
     "doanh cùng các hợp tác xã trên toàn địa bàn tăng 25%.", 0, "credit_growth"),
    # an indicator named only after the value, past a comma, is another clause's
    ("Sản xuất công nghiệp tăng 4,2%, giải ngân đầu tư còn chậm.", 0, None),
])
def test_sentence_level_fallback(sentence, which, key):
    assert _ind(sentence, which)["key"] == key


def _in_article(article, sentence):
    text = article.replace("{S}", sentence)
    start = text.index(sentence)
    metrics = find_metrics(text, start, start + len(sentence))
    return indicator(text, start, start + len(sentence), metrics[0] if metrics else None)


@pytest.mark.parametrize("article, sentence, key", [
    # the figure is named elsewhere in the article
    ("Năm 2018, mục tiêu tăng trưởng GDP là 6,8%. Bộ trưởng nói: {S} Hội nghị bế mạc.",
     "Mục tiêu 6,8% là cao nhưng có cơ sở.", "grdp_growth"),
    ("Năm 2018 tỉnh phấn đấu thu ngân sách 2.450 tỷ đồng. {S}",
     "Nhiều người cho rằng 2.450 tỷ đồng là cao.", "budget_revenue"),
    # written nowhere else, or elsewhere with two different indicators: no key
    ("Hội nghị diễn ra sáng nay. {S}", "Mục tiêu 6,8% là cao nhưng có cơ sở.", None),
    ("Tăng trưởng GDP đạt 6,8%. Tỷ lệ hộ nghèo giảm 6,8%. {S}", "Mục tiêu 6,8% là cao.", None),
    # 100% is too common to tell what it measures
    ("Tỷ lệ hộ dùng nước sạch đạt 100%. {S}", "Mục tiêu 100% là khó.", None),
])
def test_article_level_fallback_from_the_same_figure(article, sentence, key):
    assert _in_article(article, sentence)["key"] == key


def test_per_value_keys_of_the_same_figure_and_the_record_key_of_a_later_value():
    s = "Tỉnh đầu tư 12 dự án bằng vốn ngân sách với 800 tỷ đồng."
    out = _ind(s)
    assert [m["key"] for m in out["metrics"]] == [None, "public_investment_disbursement"]
    assert out["key"] == "public_investment_disbursement"   # the record: what its sentence measures


@pytest.mark.parametrize("sentence, key", [
    ("Lạm phát tháng 6 tăng 0,2%; sản xuất công nghiệp phục hồi mạnh, tăng 6,2%.", ["cpi", None]),
    ("Thu ngân sách năm 2016 đạt 9.700 tỷ đồng; 5 tháng đầu năm 2017 đạt 4.100 tỷ đồng.",
     ["budget_revenue", "budget_revenue"]),
])
def test_a_list_goes_on_past_a_semicolon_only_for_another_period(sentence, key):
    assert [m["key"] for m in _ind(sentence)["metrics"]] == key


@pytest.mark.parametrize("sentence, key", [
    ("Phấn đấu hoàn thành mục tiêu tăng trưởng kinh tế như kế hoạch đề ra.", "grdp_growth"),
    ("Ngành tiếp tục thu hút du khách; phấn đấu đến năm 2020 huyện đạt chuẩn nông thôn mới.",
     "new_rural_districts"),                                  # a bare indicator first, anywhere in the clause
    ("Tỉnh tổ chức hội nghị.", None),
])
def test_without_a_value_a_clause_names_its_indicator(sentence, key):
    assert indicator(sentence, 0, len(sentence))["key"] == key


def test_a_value_no_indicator_measures_takes_the_one_its_clause_names_in_its_unit():
    s = "Tiến độ xây dựng đạt gần 40%, dự kiến cuối năm sẽ hoàn thành dự án cầu Cái Lớn."
    assert _ind(s)["key"] == "project_completion"


def test_plan_sharing_names_keys_of_the_table():
    for entry in catalog().values():
        for other in entry.get("plan_shared_with") or ():
            assert other in catalog() and other != entry["key"]
    for key in ("soe_equitisation", "localisation_rate", "budget_deficit", "dividend", "bad_debt_ratio"):
        assert key in catalog()
    assert catalog()["budget_deficit"]["direction"] == "lower" and catalog()["bad_debt_ratio"]["direction"] == "lower"
