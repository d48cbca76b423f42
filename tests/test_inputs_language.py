"""Other languages: detection, sentence splitting, exact code-point offsets, --language."""

from __future__ import annotations

import pytest
from fake_openai import Reply
from inputs_helpers import ok_json, output_for, summarize_args

from summarizer import summarize
from summarizer.errors import InputError
from summarizer.inputs import load_article, parse_article

# Written for these tests (short local-news items, one per language).
ARTICLES = {
    "es": (
        "El Ayuntamiento de Valdemora aprobó el martes un plan para renovar el puerto pesquero antes del verano. "
        "La alcaldesa, Sra. Elena Ruiz, dijo que las obras costarán 4,2 millones de euros.\n\n"
        "¿Habrá cortes de tráfico? Según el concejal de obras, los cortes durarán solo dos semanas. "
        "Los pescadores pidieron que el muelle norte siga abierto durante la temporada.\n"
    ),
    "de": (
        "Der Stadtrat von Lindenau hat am Dienstag beschlossen, die alte Brücke über die Mulde bis zum Herbst zu "
        "sanieren. Bürgermeister Jonas Weber sagte, die Arbeiten würden etwa drei Mio. Euro kosten.\n\n"
        "Die Brücke bleibt für Fußgänger geöffnet. Autofahrer müssen ab dem 3. Juni eine Umleitung über die "
        "Nordstraße nehmen.\n"
    ),
    "fr": (
        "Le conseil municipal de Saint-Aubin a voté mardi la rénovation de la halle du marché. Le maire, "
        "M. Paul Girard, a indiqué que les travaux commenceraient en septembre.\n\n"
        "Les commerçants resteront sur la place pendant le chantier. « Nous avons trouvé une solution pour "
        "tout le monde », a déclaré le maire.\n"
    ),
    "ru": (
        "Городской совет Заречья во вторник одобрил ремонт старого моста через реку. Мэр города Ирина "
        "Соколова сообщила, что работы начнутся в июне.\n\n"
        "Мост останется открытым для пешеходов. Водителям придётся ехать в объезд до конца октября.\n"
    ),
    "ar": (
        "وافق مجلس مدينة الواحة يوم الثلاثاء على خطة لتجديد الميناء القديم. "
        "وقال رئيس المجلس سالم الحربي إن الأعمال ستبدأ في الصيف.\n\n"
        "هل سيغلق الميناء؟ قال الحربي إن الميناء سيبقى مفتوحا للصيادين. "
        "وأكد أن الميناء سيبقى مفتوحا طوال فترة الأعمال.\n"
    ),
    "zh": (
        "青河市议会周二批准了修复𠮷祥村旧港口的计划。市长林海说，工程将在夏天开始。\n\n"
        "港口会关闭吗？林海表示，港口将继续向渔民开放。他还说，港口将继续向渔民开放，直到工程结束。\n"
    ),
}
EXPECTED_SENTENCES = {
    "es": ["El Ayuntamiento", "La alcaldesa, Sra. Elena Ruiz", "¿Habrá", "Según", "Los pescadores"],
    "de": ["Der Stadtrat", "Bürgermeister Jonas Weber", "Die Brücke", "Autofahrer müssen ab dem 3. Juni"],
    "fr": ["Le conseil", "Le maire, M. Paul Girard", "Les commerçants", "« Nous avons"],
    "ru": ["Городской совет", "Мэр города", "Мост останется", "Водителям"],
    "ar": ["وافق مجلس", "وقال رئيس", "هل سيغلق", "قال الحربي", "وأكد أن"],
    "zh": ["青河市议会", "市长林海说", "港口会关闭吗", "林海表示", "他还说"],
}
NAMES = {"es": "Spanish", "de": "German", "fr": "French", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_language_detected_and_sentences_split(code):
    art = parse_article(ARTICLES[code])
    assert art.language == code
    starts = EXPECTED_SENTENCES[code]
    assert len(art.sentences) == len(starts), [s.text for s in art.sentences]
    for s, start in zip(art.sentences, starts, strict=True):
        assert s.text.startswith(start)
        assert art.text[s.start : s.end] == s.text
    assert art.title is None  # a one-line first paragraph ending in 。 or . is no headline


def test_english_is_detected_without_loading_the_model():
    import subprocess
    import sys

    art = parse_article("The council met on Monday and said that it would vote on the plan for the harbour next week.")
    assert art.language == "en"
    assert art.prompt_language is None  # nothing added to the prompt for English
    # py3langid's model takes about a second to load; English articles never need it.
    code = (
        "import sys; from summarizer.inputs import parse_article; "
        "a = parse_article(open(sys.argv[1], encoding='utf-8').read()); "
        "print(a.language, 'py3langid' in sys.modules)"
    )
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "00-seed-2022-02-17-blinken.txt"
    done = subprocess.run([sys.executable, "-c", code, seed], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["en", "False"]


@pytest.mark.parametrize(
    ("code", "quote", "occurrence"),
    [("zh", "港口将继续向渔民开放", 1), ("ar", "الميناء سيبقى مفتوحا", 1), ("zh", "港口将继续向渔民开放", 0)],
)
def test_repeated_quotes_get_exact_code_point_offsets(fake, code, quote, occurrence):
    text = ARTICLES[code]
    art = parse_article(text)
    cited = [s for s in art.sentences if quote in s.text][occurrence]
    fake.enqueue(Reply.json(output_for(art, "林海" if code == "zh" else "الحربي", [(quote, occurrence)])))
    result = summarize(text, base_url=fake.base_url, api_key="sk-test", cache=False)
    ev = result.events[0].evidence[0]
    assert ev.sentence == cited.number
    assert text[ev.start : ev.end] == quote
    assert ev.start == text.index(quote, cited.start)  # the cited sentence's occurrence, not the first
    # offsets are code points: the astral 𠮷 (two UTF-16 units) before the quote counts once
    assert result.article.text == text and result.article.language == code


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_cli_summary_language_defaults_to_the_articles(cli, fake, tmp_path, code):
    path = tmp_path / f"{code}.txt"
    path.write_text(ARTICLES[code], encoding="utf-8")
    art = load_article(path)
    first = art.sentences[0].text
    # A quote of whole words (#9: quotes match on word boundaries); Chinese has no spaces.
    opening = first[:12] if code == "zh" else " ".join(first.split()[:3])
    fake.enqueue(Reply.json(output_for(art, first.split()[0] if code != "zh" else "青河市议会", [opening])))
    data = ok_json(cli(*summarize_args(fake, path)))
    assert data["article"]["language"] == code
    prompt = fake.chat_requests[0].body["messages"][-1]["content"]
    assert f"in {NAMES[code]};" in prompt
    ev = data["events"][0]["evidence"][0]
    assert ARTICLES[code][ev["start"] : ev["end"]] == opening


def test_cli_language_option_sets_the_summary_language(cli, fake, tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(ARTICLES["es"], encoding="utf-8")
    art = load_article(path)
    fake.enqueue(Reply.json(output_for(art, "Ayuntamiento de Valdemora", ["aprobó el martes un plan"])))
    data = ok_json(cli(*summarize_args(fake, path, "--language", "en")))
    assert data["article"]["language"] == "es"
    prompt = fake.chat_requests[0].body["messages"][-1]["content"]
    assert "in English;" in prompt and "in Spanish" not in prompt


def test_english_article_prompt_unchanged_unless_asked(fake, seed_text, seed_output):
    fake.enqueue(Reply.json(seed_output), Reply.json(seed_output))
    summarize(seed_text, base_url=fake.base_url, api_key="sk-test", cache=False)
    summarize(seed_text, base_url=fake.base_url, api_key="sk-test", cache=False, language="fr")
    plain, french = (r.body["messages"][-1]["content"] for r in fake.chat_requests)
    assert 'Write "summary"' not in plain
    assert "in French;" in french


def test_bad_language_code_is_input_error(seed_text):
    with pytest.raises(InputError, match="not a language code"):
        parse_article(seed_text, language="Spanish please")
