"""Write a synthetic knowledge base of N facts for the benchmark: python benchmarks/make_corpus.py N OUTDIR.

The corpus has the shape of the real content (content/): about one source per 5 facts, one entity
per 10 and one topic per 100; statements of two sentences in kk, ru and en with the same numbers in
each; citations with a quote, a locator and translations; values, related facts, discrepancies.
Every quote is a sentence of a generated source document, and those documents are written with
their SHA-256 pins into an archive folder beside the content (OUTDIR-archive, or --archive DIR),
so that the validator checks every quote exactly as it does in production:

    python -m generator validate --strict --content OUTDIR --archive OUTDIR-archive

The archive cannot live inside OUTDIR: the loader reports any folder other than topics/, facts/,
sources/ and entities/. The same N always gives the same bytes (the generator is seeded with N).
The text is synthetic: it is never published and cites nothing real.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("kk", "ru", "en")
Text = dict[str, str]

REGIONS = [
    ("Астана", "Астана", "Astana"),
    ("Алматы", "Алматы", "Almaty"),
    ("Шымкент", "Шымкент", "Shymkent"),
    ("Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    ("Түркістан облысы", "Туркестанская область", "Turkestan Region"),
    ("Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("Атырау облысы", "Атырауская область", "Atyrau Region"),
    ("Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    ("Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("Абай облысы", "Область Абай", "Abai Region"),
]
# (kk, ru in the genitive plural, en, unit)
CATEGORIES = [
    ("тіркелген қылмыстық істер", "зарегистрированных уголовных дел", "registered criminal cases", "case"),
    ("сотталғандар", "осужденных", "convicted persons", "person"),
    ("рақымшылыққа ілінгендер", "амнистированных", "amnestied persons", "person"),
    ("шартты түрде мерзімінен бұрын босатылғандар", "условно-досрочно освобожденных", "persons released on parole", "person"),
    ("сотқа жіберілген ұсынымдар", "направленных в суд представлений", "submissions sent to court", "submission"),
    ("пробация қызметінің есебіндегі адамдар", "лиц на учете службы пробации", "persons registered with the probation service", "person"),
    ("жазасын өтеп жатқан әйелдер", "женщин, отбывающих наказание", "women serving sentences", "woman"),
    ("кәмелетке толмаған сотталғандар", "несовершеннолетних осужденных", "juvenile convicts", "child"),
]
ARTICLES = [78, 99, 106, 170, 172, 174, 182, 188, 190, 255, 256, 258, 293, 296, 366]
THEMES = [
    ("Рақымшылық", "Амнистия", "Amnesty"),
    ("Пробация", "Пробация", "Probation"),
    ("Шартты түрде мерзімінен бұрын босату", "Условно-досрочное освобождение", "Parole"),
    ("Түзеу мекемелеріндегі радикалдану", "Радикализация в исправительных учреждениях", "Radicalisation in prisons"),
    ("Кәмелетке толмағандарға қатысты сот төрелігі", "Ювенальная юстиция", "Juvenile justice"),
    ("Сотталған әйелдер", "Осужденные женщины", "Convicted women"),
]
SECTIONS = [
    ("Статистика", "Статистика", "Statistics"),
    ("Заңнамалық ұсыныстар", "Законодательные предложения", "Legislative proposals"),
    ("Мемлекеттік органдардың ұстанымы", "Позиция государственных органов", "Position of state bodies"),
    ("Халықаралық тәжірибе", "Международный опыт", "International experience"),
    ("Сарапшылардың бағалауы", "Оценки экспертов", "Expert assessments"),
]
PUBLISHERS = ["Tengrinews.kz", "Informburo.kz", "Lada.kz", "NUR.KZ", "Zakon.kz", "Kursiv.media", "Vlast.kz", "Orda.kz"]
GIVEN_NAMES = [("Айгерім", "Айгерим", "Aigerim"), ("Ерлан", "Ерлан", "Yerlan"), ("Дәурен", "Даурен", "Dauren"),
               ("Гүлнар", "Гульнар", "Gulnar"), ("Серік", "Серик", "Serik"), ("Әсел", "Асель", "Assel"),
               ("Нұрлан", "Нурлан", "Nurlan"), ("Жанар", "Жанар", "Zhanar")]
SURNAMES = [("Жақсылықов", "Жаксылыков", "Zhaksylykov"), ("Омарова", "Омарова", "Omarova"),
            ("Сәтбаев", "Сатбаев", "Satbayev"), ("Бекова", "Бекова", "Bekova"), ("Нұрғалиев", "Нургалиев", "Nurgaliyev"),
            ("Исаева", "Исаева", "Issayeva"), ("Төлеуов", "Толеуов", "Toleuov"), ("Қасымова", "Касымова", "Kassymova")]
SOURCE_KINDS = ["news-report"] * 6 + ["official-letter", "press-release", "briefing"]
SOURCE_LANGUAGES = [["ru"]] * 5 + [["kk"]] * 2 + [["en"]] * 2 + [["kk", "ru"]]


def format_number(number: int, language: str) -> str:
    """15,970 in English, 15 970 in Kazakh and Russian, as the content writes them."""
    grouped = f"{number:,}"
    return grouped if language == "en" else grouped.replace(",", " ")


def count_sentence(rng: random.Random) -> Text:
    """A sentence with a count, a year and a region or an article, the same figures in each language."""
    kk_cat, ru_cat, en_cat, _ = rng.choice(CATEGORIES)
    year, number = rng.randint(2014, 2025), rng.choice([rng.randint(3, 999), rng.randint(1000, 25000)])
    n = {language: format_number(number, language) for language in LANGUAGES}
    if rng.random() < 0.5:
        kk_region, ru_region, en_region = rng.choice(REGIONS)
        return {"kk": f"{kk_region}: {year} жылы {kk_cat} саны {n['kk']} болды.",
                "ru": f"{ru_region}: в {year} году число {ru_cat} составило {n['ru']}.",
                "en": f"{en_region}: in {year}, the number of {en_cat} was {n['en']}."}
    article = rng.choice(ARTICLES)
    return {"kk": f"{year} жылы Қылмыстық кодекстің {article}-бабы бойынша {kk_cat} саны {n['kk']} болды.",
            "ru": f"В {year} году по статье {article} Уголовного кодекса число {ru_cat} составило {n['ru']}.",
            "en": f"In {year}, the number of {en_cat} under Article {article} of the Criminal Code was {n['en']}."}


def descriptive_sentence(rng: random.Random) -> Text:
    kk_cat, ru_cat, en_cat, _ = rng.choice(CATEGORIES)
    kk_region, ru_region, en_region = rng.choice(REGIONS)
    year = rng.randint(2014, 2025)
    choices = [
        {"kk": f"Министрлік {kk_cat} мәселелері бойынша ведомствоаралық жұмыс тобын құруды ұсынды.",
         "ru": f"Министерство предложило создать межведомственную рабочую группу по вопросам {ru_cat}.",
         "en": f"The Ministry proposed setting up an interagency working group on {en_cat}."},
        {"kk": f"Депутаттар пробация қызметінің жұмысын талдауды және нәтижелерін жариялауды сұрады (өңір: {kk_region}).",
         "ru": f"Депутаты попросили проанализировать работу службы пробации и опубликовать результаты (регион: {ru_region}).",
         "en": f"Deputies asked for an analysis of the probation service's work and for its results to be published "
               f"(region: {en_region})."},
        {"kk": f"Сарапшылардың пікірінше, {kk_cat} санының өзгеруі әлеуметтік және экономикалық факторларға байланысты.",
         "ru": f"По мнению экспертов, изменение числа {ru_cat} связано с социальными и экономическими факторами.",
         "en": f"According to experts, the change in the number of {en_cat} is linked to social and economic factors."},
        {"kk": f"Баяндамада {year} жылдан бастап қылмыстық-атқару жүйесін ізгілендіру жөніндегі шаралар сипатталған.",
         "ru": f"В докладе описаны меры по гуманизации уголовно-исполнительной системы начиная с {year} года.",
         "en": f"The report describes the measures taken to humanise the penal system since {year}."},
        {"kk": "Қоғамдық ұйымдар сотталғандарды әлеуметтік бейімдеу бағдарламаларын кеңейтуді ұсынды.",
         "ru": "Общественные организации предложили расширить программы социальной адаптации осужденных.",
         "en": "Civil society organisations proposed expanding programmes for the social adaptation of convicts."},
    ]
    return rng.choice(choices)


def figures_in(text: str) -> list[int]:
    """The figures of an English sentence of the corpus, in order (15,970 is one figure)."""
    return [int(figure.replace(",", "")) for figure in re.findall(r"\d+(?:,\d{3})*", text)]


def total_sentence(rng: random.Random) -> Text:
    """A total and its two parts, as a source gives them."""
    year, men, women = rng.randint(2014, 2025), rng.randint(10, 5000), rng.randint(10, 5000)
    n = {language: [format_number(number, language) for number in (men + women, men, women)] for language in LANGUAGES}
    return {"kk": f"{year} жылы барлығы {n['kk'][0]} адам, оның ішінде ерлер – {n['kk'][1]}, әйелдер – {n['kk'][2]}.",
            "ru": f"В {year} году всего {n['ru'][0]} человек, из них мужчин – {n['ru'][1]}, женщин – {n['ru'][2]}.",
            "en": f"In {year}, {n['en'][0]} people in all, of whom {n['en'][1]} men and {n['en'][2]} women."}


def join(*texts: Text) -> Text:
    return {language: " ".join(text[language] for text in texts) for language in LANGUAGES}


@dataclass
class SourcePlan:
    id: str
    languages: list[str]
    sentences: list[Text] = field(default_factory=list)


class CorpusWriter:
    def __init__(self, n: int, content: Path, archive: Path) -> None:
        self.n = n
        self.rng = random.Random(f"penal-policy-kb corpus {n}")
        self.content = content
        self.archive = archive
        self.topic_count = max(1, round(n / 100))
        self.source_count = max(1, round(n / 5))
        self.entity_count = max(1, round(n / 10))
        self.sources = [SourcePlan(f"source-{index:05d}", list(self.rng.choice(SOURCE_LANGUAGES)))
                        for index in range(1, self.source_count + 1)]
        self.entity_ids = [f"entity-{index:05d}" for index in range(1, self.entity_count + 1)]
        self.topic_ids = [f"topic-{index:03d}" for index in range(1, self.topic_count + 1)]
        self.sections: dict[str, list[str]] = {}

    def write(self) -> None:
        for folder in (self.content, self.archive):
            if folder.exists():
                shutil.rmtree(folder)
        for kind in ("topics", "facts", "sources", "entities"):
            (self.content / kind).mkdir(parents=True)
        self.archive.mkdir(parents=True)
        facts_by_topic: dict[str, list[str]] = {topic_id: [] for topic_id in self.topic_ids}
        for index in range(self.n):
            topic_id = self.topic_ids[index * self.topic_count // self.n]
            fact_id = f"{topic_id}-fact-{index + 1:05d}"
            facts_by_topic[topic_id].append(fact_id)
        for topic_id, fact_ids in facts_by_topic.items():
            self.write_topic(topic_id, fact_ids)
            for position, fact_id in enumerate(fact_ids):
                self.write_fact(fact_id, topic_id, position, fact_ids)
        for entity_id in self.entity_ids:
            self.write_entity(entity_id)
        for source in self.sources:
            self.write_source(source)

    # --- records --------------------------------------------------------------

    def write_topic(self, topic_id: str, fact_ids: list[str]) -> None:
        number = int(topic_id.rsplit("-", 1)[1])
        theme = THEMES[(number - 1) % len(THEMES)]
        region = REGIONS[(number - 1) // len(THEMES) % len(REGIONS)]
        title = {language: f"{theme[i]}: {region[i]}" for i, language in enumerate(LANGUAGES)}
        sections = self.rng.sample(SECTIONS, self.rng.choice([3, 4]))
        self.sections[topic_id] = [f"section-{i + 1}" for i in range(len(sections))]
        record = {
            "id": topic_id,
            "order": number,
            "title": title,
            "summary": join(*[self.rng.choice([count_sentence, descriptive_sentence])(self.rng) for _ in range(8)]),
            "sections": [{"id": f"section-{i + 1}", "title": {language: section[j] for j, language in enumerate(LANGUAGES)}}
                         for i, section in enumerate(sections)],
        }
        if self.topic_count > 1:
            record["related"] = [self.topic_ids[number % self.topic_count]]
        record["key_facts"] = fact_ids[:min(4, len(fact_ids))]
        self.write_record("topics", topic_id, record)

    def write_fact(self, fact_id: str, topic_id: str, position: int, siblings: list[str]) -> None:
        """A fact states what its citations quote, so that every figure in it and in its values is quoted."""
        rng = self.rng
        kinds = [rng.random() for _ in range(rng.choice([1, 1, 2, 3]))] if rng.random() < 0.6 else []
        makers = [count_sentence, descriptive_sentence][: rng.choice([1, 2, 2, 2])]
        if any(kind >= 0.8 for kind in kinds):
            makers.append(total_sentence)
        quoted = [self.citation(maker) for maker in makers]
        record: dict = {
            "id": fact_id,
            "topics": [{"topic": topic_id, "section": rng.choice(self.sections[topic_id])}],
            "order": (position + 1) * 10,
            "statement": join(*[sentence for _, sentence in quoted]),
        }
        if kinds:
            record["values"] = self.values(kinds, dict(zip(makers, [sentence for _, sentence in quoted], strict=True)))
        if rng.random() < 0.7:
            record["entities"] = rng.sample(self.entity_ids, min(len(self.entity_ids), rng.choice([1, 1, 2])))
        others = [other for other in siblings if other != fact_id]
        if others and rng.random() < 0.7:
            record["related"] = rng.sample(others, min(len(others), rng.choice([1, 1, 2])))
        if rng.random() < 0.08:
            record["discrepancy"] = join(descriptive_sentence(rng), {
                "kk": "Дереккөздер бұл көрсеткішті әртүрлі береді.",
                "ru": "Источники приводят этот показатель по-разному.",
                "en": "The sources give this figure differently."})
        record["citations"] = [citation for citation, _ in quoted]
        self.write_record("facts", fact_id, record)

    def values(self, kinds: list[float], sentences: dict) -> list[dict]:
        """Values whose figures are those of the quoted sentences: a count, a date, a total and its parts."""
        rng = self.rng
        values = []
        for kind in kinds:
            year = rng.randint(2014, 2025)
            _, _, _, unit = rng.choice(CATEGORIES)
            if kind < 0.6:
                values.append({"label": {"kk": f"{year} жылғы көрсеткіш", "ru": f"Показатель за {year} год", "en": f"Figure for {year}"},
                               "number": figures_in(sentences[count_sentence]["en"])[-1], "unit": unit})
            elif kind < 0.8:
                values.append({"label": {"kk": "Хабарлама күні", "ru": "Дата сообщения", "en": "Date of the report"},
                               "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"})
            else:
                parts = figures_in(sentences[total_sentence]["en"])[-2:]
                values.append({"label": {"kk": f"{year} жылғы барлығы", "ru": f"Всего за {year} год", "en": f"Total for {year}"},
                               "total": sum(parts), "unit": unit,
                               "parts": [{"label": {"kk": "Ерлер", "ru": "Мужчины", "en": "Men"}, "number": parts[0]},
                                         {"label": {"kk": "Әйелдер", "ru": "Женщины", "en": "Women"}, "number": parts[1]}]})
        return values

    def citation(self, maker: Callable[[random.Random], Text] | None = None) -> tuple[dict, Text]:
        """A new sentence of a source document, quoted in the source's languages and translated into the rest."""
        source = self.rng.choice(self.sources)
        sentence = (maker or self.rng.choice([count_sentence, descriptive_sentence]))(self.rng)
        source.sentences.append(sentence)
        citation: dict = {"source": source.id, "quote": {language: sentence[language] for language in source.languages}}
        if self.rng.random() < 0.85:
            paragraph = self.rng.randint(1, 40)
            citation["locator"] = {"kk": f"{paragraph}-абзац", "ru": f"абзац {paragraph}", "en": f"paragraph {paragraph}"}
        citation["translation"] = {language: sentence[language] for language in LANGUAGES if language not in source.languages}
        return citation, sentence

    def write_entity(self, entity_id: str) -> None:
        rng = self.rng
        number = int(entity_id.rsplit("-", 1)[1])
        kind = rng.choice(["person", "person", "organisation", "legal-provision", "legal-act"])
        if kind == "person":
            given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
            name = {language: f"{given[i]} {surname[i]}" for i, language in enumerate(LANGUAGES)}
        elif kind == "organisation":
            region = rng.choice(REGIONS)
            name = {"kk": f"{region[0]} полиция департаменті (№ {number})", "ru": f"Департамент полиции: {region[1]} (№ {number})",
                    "en": f"Police Department, {region[2]} (No. {number})"}
        elif kind == "legal-provision":
            name = {"kk": f"Қылмыстық кодекстің {number}-бабы", "ru": f"Статья {number} Уголовного кодекса",
                    "en": f"Article {number} of the Criminal Code"}
        else:
            name = {"kk": f"№ {number} Заң", "ru": f"Закон № {number}", "en": f"Law No. {number}"}
        record = {"id": entity_id, "kind": kind, "name": name,
                  "description": join(descriptive_sentence(rng), descriptive_sentence(rng)),
                  "citations": [self.citation()[0] for _ in range(rng.choice([1, 1, 2]))]}
        self.write_record("entities", entity_id, record)

    def write_source(self, source: SourcePlan) -> None:
        rng = self.rng
        number = int(source.id.rsplit("-", 1)[1])
        publisher = rng.choice(PUBLISHERS)
        title = descriptive_sentence(rng)
        document = self.archive_document(source, title)
        digest = hashlib.sha256(document).hexdigest()
        file_name = f"{number:05d}_{digest[:16]}.txt"
        (self.archive / file_name).write_bytes(document)
        record: dict = {"id": source.id, "kind": rng.choice(SOURCE_KINDS), "languages": source.languages,
                        "title": {language: title[language].rstrip(".") for language in LANGUAGES},
                        "title_supplied": rng.random() < 0.1,
                        "publisher": {language: publisher for language in LANGUAGES}}
        if rng.random() < 0.5:
            given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
            record["author"] = {language: f"{given[i]} {surname[i]}" for i, language in enumerate(LANGUAGES)}
        if rng.random() < 0.85:  # dated, never in the future
            record["date"] = f"{rng.randint(2014, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        else:
            record["date_note"] = {"kk": "Құжатта күні көрсетілмеген.", "ru": "Дата в документе не указана.",
                                   "en": "The document does not state its date."}
        if rng.random() < 0.6:
            record["url"] = f"https://news.example.kz/{publisher.lower().replace('.', '-')}/{source.id}"
        if rng.random() < 0.4:
            record["note"] = {"kk": "Мұрағатталған көшірме веб-беттен алынған.", "ru": "Архивная копия снята с веб-страницы.",
                              "en": "The archived copy was taken from the web page."}
        record["archive"] = {"file": file_name, "sha256": digest}
        self.write_record("sources", source.id, record)

    def archive_document(self, source: SourcePlan, title: Text) -> bytes:
        """The source's text as extraction leaves it: the quoted sentences among others, lines broken anywhere."""
        sentences = list(source.sentences)
        while len(sentences) < 30:
            sentences.insert(self.rng.randrange(len(sentences) + 1),
                             self.rng.choice([count_sentence, descriptive_sentence])(self.rng))
        blocks = []
        for language in source.languages:
            lines = [title[language], ""]
            for start in range(0, len(sentences), 4):
                paragraph = " ".join(sentence[language] for sentence in sentences[start:start + 4])
                lines += textwrap.wrap(paragraph, width=self.rng.randint(60, 100), break_on_hyphens=False,
                                       break_long_words=False) + [""]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks).encode("utf-8")

    # --- YAML -----------------------------------------------------------------

    def write_record(self, kind: str, record_id: str, record: dict) -> None:
        schema = {"topics": "topic", "facts": "fact", "sources": "source", "entities": "entity"}[kind]
        lines = [f"# yaml-language-server: $schema=../../generator/schemas/{schema}.schema.json"]
        lines += yaml_lines(record, 0)
        (self.content / kind / f"{record_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


PLAIN_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def yaml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and PLAIN_ID.fullmatch(value):
        return value  # ids stand unquoted, as in content/
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def yaml_lines(value: object, indent: int) -> list[str]:
    """Block-style YAML in the layout of content/: mappings indented by two, list items at their key's column."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                lines.append(f"{pad}{key}:")
                lines += yaml_lines(item, indent + 2)
            elif isinstance(item, list) and item and isinstance(item[0], dict):
                lines.append(f"{pad}{key}:")
                for element in item:
                    inner = yaml_lines(element, indent + 2)
                    lines.append(f"{pad}- {inner[0].lstrip()}")
                    lines += inner[1:]
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: [{', '.join(yaml_scalar(element) for element in item)}]")
            else:
                lines.append(f"{pad}{key}: {yaml_scalar(item)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of facts")
    parser.add_argument("outdir", type=Path, help="content folder to write (replaced if it exists)")
    parser.add_argument("--archive", type=Path, help="folder for the archived source documents (default: OUTDIR-archive)")
    options = parser.parse_args()
    if options.n < 1:
        parser.error("N must be at least 1")
    archive = options.archive or options.outdir.with_name(f"{options.outdir.name}-archive")
    CorpusWriter(options.n, options.outdir, archive).write()
    print(f"wrote {options.n} facts to {options.outdir} and their sources' documents to {archive}")


if __name__ == "__main__":
    main()
