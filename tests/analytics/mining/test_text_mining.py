"""Frequent terms and phrase clusters surface a new kind of problem among free texts."""

from __future__ import annotations

from shahrvand.analytics.mining.textmining import clusters, stop_words, terms_of, top_terms

SCOOTER = [
    "اسکوتر برقی وسط پیاده رو رها شده",
    "چند اسکوتر برقی جلوی مدرسه افتاده و راه بسته است",
    "اسکوتر برقی روی پیاده رو پارک شده",
    "اسکوتر برقی اجاره ای همه جا ریخته",
    "لطفا اسکوتر برقی را از پیاده رو جمع کنید",
    "اسکوتر برقی شکسته کنار ایستگاه",
    "اسکوتر برقی مانع عبور ویلچر است",
    "دو اسکوتر برقی در پیاده رو",
]
SEWER = [
    "بوی بد فاضلاب از جوی آب میاد",
    "بوی بد فاضلاب کل کوچه را گرفته",
    "فاضلاب در جوی آب سرریز شده و بوی بد دارد",
    "بوی بد فاضلاب جلوی نانوایی",
    "بوی بد فاضلاب از دریچه",
    "فاضلاب و بوی بد در کوچه",
]
OTHER = ["درخت خشک شده", "چراغ خاموش است", "صدای بلند کارگاه شبانه", "نیمکت پارک شکسته"]


def test_terms_drop_stop_words_and_keep_phrases_between_content_words():
    terms = terms_of("لطفا اسکوتر برقی را از پیاده‌رو جمع کنید")
    assert "اسکوتر برقی" in terms
    assert "اسکوتر" in terms and "برقی" in terms
    assert "لطفا" not in terms and "را" not in terms
    assert not any(t.startswith("را ") or t.endswith(" از") for t in terms)
    assert {"از", "به", "لطفا", "گزارش"} <= stop_words()


def test_top_terms_count_descriptions_not_occurrences():
    ranked = top_terms(SCOOTER + SEWER + OTHER)
    by_text = {t.text: t for t in ranked}
    assert by_text["اسکوتر برقی"].documents == 8
    assert by_text["اسکوتر برقی"].words == 2
    assert by_text["بوی بد فاضلاب"].documents == 4
    assert ranked[0].documents == 8
    # A term in only one description is not "frequent".
    assert "نیمکت" not in by_text


def test_clusters_separate_the_two_themes():
    docs = [(f"S{i}", t) for i, t in enumerate(SCOOTER)]
    docs += [(f"F{i}", t) for i, t in enumerate(SEWER)]
    docs += [(f"O{i}", t) for i, t in enumerate(OTHER)]

    found = clusters(docs)

    # Each theme leads exactly one cluster (among its three heaviest terms).
    scooter = [c for c in found if "اسکوتر برقی" in c.terms[:3]]
    sewer = [c for c in found if "فاضلاب" in c.terms[:3]]
    assert len(scooter) == 1 and len(sewer) == 1
    assert (scooter[0].size, sewer[0].size) == (8, 6)
    assert all(code.startswith("S") for code in scooter[0].examples)
    assert all(code.startswith("F") for code in sewer[0].examples)
    assert clusters(docs) == found  # deterministic


def test_too_few_texts_make_no_clusters():
    assert clusters([("A", "چاله"), ("B", "چاله")]) == []
