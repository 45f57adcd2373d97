"""Strings and guards added after the blind batch ``bp-label-22`` was measured: Taboola's
"You May Like", Blogger's reply buttons in Swedish, Danish, Norwegian, Finnish and
Russian, a share row led by "Share:", a source line whose link reads "Read Full
Article", a slider's arrow labels, a Spanish paywall's "¿Ya eres suscriptor/a?",
Overblog's admin bar without its follow button, France's data-protection notice, a
French news site's sign-in prompt over comments, a document mirror's counters; a
numbered tag list that ends at its first unnumbered line (the author credit under it
stays), and a contents heading over a printed document's dotted contents line that
stays.

Every line below is written for these tests (no third-party text).
"""

from __future__ import annotations

from tests.boilerplate_helpers import BODY, anywhere_tests, between, kept_and_gone, removed

#: Lines removed wherever they stand, with the rule that removes them.
ANYWHERE = {
    "You May Like": "boilerplate.nav.widget_headings",
    "SvaraRadera": "boilerplate.comments.form",
    "Svar Slet": "boilerplate.comments.form",
    "VastaaPoista": "boilerplate.comments.form",
    "Svar Slett": "boilerplate.comments.form",
    "ОтветитьУдалить": "boilerplate.comments.form",
    "Share: Share to Facebook Share to Twitter Share to LinkedIn": "boilerplate.social.share_rows",
    "Partager : Partager sur Facebook Partager sur Twitter": "boilerplate.social.share_rows",
    "Source: Read Full Article": "boilerplate.generic.original_article_i18n",
    "previous arrow": "boilerplate.generic.menu_toggles_i18n",
    "next arrow": "boilerplate.generic.menu_toggles_i18n",
    "¿Ya eres suscriptor/a? Inicia sesión": "boilerplate.cta.paywall",
    "Editer l'article Administration Créer mon blog": "boilerplate.footer.credits",
    (
        "Conformément à l'article 38 de la Loi 78-17 du 6 janvier 1978 modifiée, vous disposez "
        "d'un droit d'accès, de modification et de suppression des données qui vous concernent."
    ): "boilerplate.privacy.notice",
    "Connectez-vous à votre compte Gazette pour participer à la conversation.": (
        "boilerplate.comments.form_i18n"
    ),
    "Views 1,204 Downloads 37 File size 1.2MB": "boilerplate.generic.doc_mirror_more_i18n",
}


test_each_string_goes_after_the_article, test_each_string_goes_inside_the_article = anywhere_tests(
    ANYWHERE
)


def test_article_lines_with_the_same_words_stay() -> None:
    kept = [
        "You may like the new reading room more than the old one, the librarian said.",
        "Share: the council's share of the cost is about a third.",
        "Source: the town's annual report, page 12.",
        "The next arrow on the trail points to the lake.",
        "La loi 78-17 du 6 janvier 1978 a créé la commission chargée de ces fichiers.",
        "Conformément à la loi 78-17 du 6 janvier 1978, la commission a contrôlé le fichier.",
        "Connectez-vous au réseau du musée pour participer à la visite guidée.",
        "The file size grew to 2 MB after the views were added.",
    ]
    kept_and_gone(between(kept), keep=kept, gone=[])


def test_a_numbered_tag_list_ends_at_the_author_heading() -> None:
    tags = ["Tags", "  1. Harbour", "  2. Winter storm"]
    credit = ["Author", "  1. Ann Example"]
    got = removed(BODY + "\n".join(tags + credit) + "\n")
    assert {t.strip() for t in tags} <= set(got)
    assert not {c.strip() for c in credit} & set(got)


def test_an_unnumbered_tag_list_still_runs_to_its_end() -> None:
    tags = ["Tags", "Harbour", "Winter storm", "Ferries"]
    got = removed(BODY + "\n".join(tags) + "\n")
    assert set(tags) <= set(got)


def test_a_contents_heading_over_a_dotted_contents_line_stays() -> None:
    contents = ["Table of Contents", "PREFACE ........................................ ii"]
    assert not set(contents) & set(removed(BODY + "\n".join(contents) + "\n"))


def test_a_lone_contents_heading_still_goes() -> None:
    got = removed(BODY + "Table of Contents\n" + BODY)
    assert got.get("Table of Contents", "").startswith("boilerplate.toc.orphan_heading")
