"""Article lists typed by instructors (modules, questions, glossary terms, model
documents) are read safely: a huge range is refused at once, not expanded."""

import pytest
from django.core.exceptions import ValidationError

from courses import convention
from courses.blocks import ModelDocumentBlock
from courses.models import GlossaryTerm


@pytest.mark.parametrize("text", ["1-999999999", "99999999999999999999", "5, 1000"])
def test_a_number_no_treaty_reaches_is_refused_before_any_range_is_built(text):
    with pytest.raises(convention.ArticleListError, match="is not an article number"):
        convention.checked_article_list(text)


def test_the_forms_that_take_article_lists_refuse_a_huge_range(db):
    with pytest.raises(ValidationError, match="is not an article number"):
        GlossaryTerm(
            term="MLA", definition="Help.", articles="1-999999999"
        ).full_clean()
    document = ModelDocumentBlock()
    value = document.to_python(
        {
            "title": "Order",
            "articles": "1-999999999",
            "purpose": "Use.",
            "sections": [{"heading": "1. Authority", "guidance": "Who signs."}],
        }
    )
    with pytest.raises(ValidationError) as refused:
        document.clean(value)
    assert list(refused.value.block_errors) == ["articles"]
