"""The bundled examples are the seed plans' whole documents: their reports, read back from the
PDF, carry the seed's level-1 chapters in the seed's order (issue 11)."""

from __future__ import annotations

import pypdf
import pytest
from finsam_desktop.resources import EXAMPLES

from finsam_desktop.cli import main

CHAPTERS = {
    "vastra-ostergotland-2026": (
        "Bakgrund", "Organisation", "Verksamhetsmål", "Målgrupp", "Behovsområden",
        "Utformning av insatser", "Finansiella utgångspunkter",
        "Bilaga 1: Samordningsförbundets ändamål och uppgifter",
        "Bilaga 2: Budgetförutsättningar inför 2026", "Bilaga 3: Finansierade insatser 2026"),
    "sormland-2026": (
        "1. Samordningsförbundets verksamhetsplan", "2. Så här styrs samordningsförbundet",
        "3. Samordningsförbundets mål 2026", "4. Budget"),
    "sjuharad-2025": (
        "1. GRUNDLÄGGANDE FÖRUTSÄTTNINGAR", "2. VERKSAMHETSSTRUKTUR",
        "3. MÅL, uppföljning av måluppfyllelse, samt delmål", "4. PRIORITERADE INSATSER 2025",
        "5. STYRNING, LEDNING OCH ADMINISTRATION", "6. EKONOMISK SAMMANSTÄLLNING"),
    "skaraborg-2026": (
        "Vilka är vi? – sammanfattande beskrivning", "Organisation", "Behovsanalys",
        "Samordningsförbundets syfte – varför finns vi?", "Uppdrag – vad ska vi göra?", "Målgrupp",
        "Redovisning och uppföljning", "Vision – vår långsiktiga målsättning",
        "Mål – vilka resultat ska vi sträva efter?", "Strategi – hur ska vi uppnå det?",
        "Fokusområden 2026", "Kärnvärden – vägledande och handfasta, hur vi vill arbeta",
        "Finansiella ramar och mål", "Individ- och strukturinriktade insatser"),
}
"""Each rebuilt example's level-1 chapter titles, as the published plan it was rebuilt from has them."""


def _report(name: str, tmp_path) -> pypdf.PdfReader:
    finsam, pdf = tmp_path / f"{name}.finsam", tmp_path / f"{name}.pdf"
    assert main(["import", str(EXAMPLES / f"{name}.plan.json"), "-o", str(finsam)]) == 0
    assert main(["report", str(finsam), "-o", str(pdf)]) == 0
    return pypdf.PdfReader(pdf)


def _body_text(reader: pypdf.PdfReader, first_title: str) -> str:
    """The text from the first chapter's page on, so the contents page does not count."""
    first = next(item for item in reader.outline if not isinstance(item, list)
                 and item.title == first_title)
    start = reader.get_destination_page_number(first)
    text = " ".join(page.extract_text() for page in reader.pages[start:])
    return " ".join(text.split())  # a long heading wraps onto two lines


@pytest.mark.parametrize("name", sorted(CHAPTERS))
def test_report_has_the_seed_chapters_in_order(name, tmp_path, capsys):
    reader = _report(name, tmp_path)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == list(CHAPTERS[name])
    assert any(isinstance(item, list) for item in reader.outline), "the outline has sub-levels"
    text = _body_text(reader, CHAPTERS[name][0])
    at = -1
    for title in CHAPTERS[name]:
        found = text.find(title, at + 1)
        assert found > at, f"{title!r} is not after the chapter before it"
        at = found


def test_skaraborg_prints_its_member_table_right_after_the_sentence_that_announces_it(tmp_path,
                                                                                      capsys):
    reader = _report("skaraborg-2026", tmp_path)
    text = _body_text(reader, CHAPTERS["skaraborg-2026"][0])
    after = text.split("Nedan finns en tabell med fördelning av medlemmarnas medfinansiering:")[1]
    assert after.lstrip().startswith("Medlem 2025 2026 Andel 2026 Staten (AF+FK) 8 545 000 8 450 000")
    assert after.index("Summa 17 090 000 16 900 000") < after.index("Individ- och strukturinriktade")


def test_skaraborg_prints_its_goals_straight_under_the_chapter_as_the_seed(tmp_path, capsys):
    reader = _report("skaraborg-2026", tmp_path)
    chapter = next(i for n, i in enumerate(reader.outline) if not isinstance(i, list)
                   and i.title.startswith("Mål – vilka resultat"))
    goals = reader.outline[reader.outline.index(chapter) + 1]
    assert [item.title for item in goals if not isinstance(item, list)][:2] == [
        "Deltagande kvinnor och män i förbundets individinriktade insatser gör en likvärdig "
        "stegförflyttning närmre arbete eller studier",
        "Förbundets fyra parter arbetar tillsammans med individens bästa i fokus"]
    text = _body_text(reader, CHAPTERS["skaraborg-2026"][0])
    assert "Övergripande mål och delmål" not in text
    # the seed's overview: uncategorised "Projekt" straight under its area, no made-up heading
    assert "Strukturinriktade insatser Projekt 4 654 000 Kompetenshöjande Kompetensutveckling" in text
    assert "Ingen kategori angiven" not in text and "utan kategori" not in text


def test_sjuharad_names_its_common_interventions_and_opens_with_its_motto(tmp_path, capsys):
    reader = _report("sjuharad-2025", tmp_path)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Ingen kommun angiven" not in text
    assert "Vårgårda 750 Strukturövergripande 250 Summa insatser 15 625" in text
    assert "Kommun: Borås Budgeterad volym: 63 deltagare Förbundsmedel: 1 835 tkr" in text
    motto = text.index("Gemensam kraft med människans möjligheter i fokus Samordningsförbundet är")
    assert motto < text.index("1. GRUNDLÄGGANDE FÖRUTSÄTTNINGAR Sjuhärads")


def test_sormland_prints_no_empty_columns_and_its_own_cost_names(tmp_path, capsys):
    reader = _report("sormland-2026", tmp_path)
    text = _body_text(reader, CHAPTERS["sormland-2026"][0]).replace("\u00a0", " ")
    assert "Målvärde" not in text  # its indicators have no target values
    assert "Sikta mot arbetslivet Indikator Uppföljning" in text
    assert "Samverkansinsatser 10 287 700 9 858 500 9 000 000" in text
    assert "Sikta mot arbetslivet Samordningsförbundet 9 000 000" in text
    # one area: its sum is the table's total, as the seed's "Summa samverkansinsatser"
    assert "Summa samverkansinsatser 10 287 700 9 858 500 9 000 000 Belopp i kronor." in text
    assert "Summa insatser" not in text
    assert "Ingående eget kapital: Prognos per 30 juni 2025 av ej förbrukade medel" in text


def test_vastra_ostergotland_writes_expected_results_under_each_goal(tmp_path, capsys):
    reader = _report("vastra-ostergotland-2026", tmp_path)
    text = _body_text(reader, CHAPTERS["vastra-ostergotland-2026"][0])
    assert "Mål och förväntade resultat" not in text
    assert ("konkretiseras i följande: Samhällsnivå (strukturövergripande) Att finansierade "
            "insatser bidrar") in text
    assert "inom rehabiliteringsområdet. Förväntade resultat: Indikator" in text
