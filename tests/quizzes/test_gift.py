"""GIFT files become parsed questions of every type, and every mistake in a file is
reported with its line, without a database."""

from textwrap import dedent

import pytest

from quizzes.gift import (
    GiftError,
    GiftParseResult,
    ParsedOption,
    ParsedQuestion,
    parse_gift,
)


def parse(text: str) -> GiftParseResult:
    return parse_gift(dedent(text))


def only_question(text: str) -> ParsedQuestion:
    result = parse(text)
    assert result.errors == []
    assert len(result.questions) == 1
    return result.questions[0]


def errors_at(text: str) -> list[tuple[int, str]]:
    return [(error.line, error.message) for error in parse(text).errors]


def test_multiple_choice_with_feedback_is_single_choice():
    question = only_question(
        """\
        Which measure lets authorities keep stored electronic data intact while
        they seek its disclosure? [articles: 25]
        {=Expedited preservation#Right: Article 25 orders the data to be kept.
        ~A production order#No: Article 27 compels disclosure, not preservation.
        ~Real-time collection of traffic data}
        """
    )
    assert question.question_type == "single_choice"
    assert question.options == [
        ParsedOption(
            "Expedited preservation",
            True,
            "Right: Article 25 orders the data to be kept.",
        ),
        ParsedOption(
            "A production order",
            False,
            "No: Article 27 compels disclosure, not preservation.",
        ),
        ParsedOption("Real-time collection of traffic data", False, ""),
    ]
    assert question.articles == [25]
    assert question.line == 1


def test_several_right_answers_make_multiple_response():
    question = only_question(
        """\
        Which of these are "traffic data" under Article 2? [articles: 2] {
        =The origin of a communication
        =The route and time of a communication
        ~The text of an e-mail
        ~The attachments of a message
        }
        """
    )
    assert question.question_type == "multiple_response"
    assert [(o.text, o.is_correct) for o in question.options] == [
        ("The origin of a communication", True),
        ("The route and time of a communication", True),
        ("The text of an e-mail", False),
        ("The attachments of a message", False),
    ]


def test_weighted_answers_make_multiple_response_with_positive_weights_correct():
    question = only_question(
        """\
        Which orders does Chapter IV provide for? [articles: 25, 27]
        {~%50%Expedited preservation ~%50%Production orders ~%-100%Hacking back}
        """
    )
    assert question.question_type == "multiple_response"
    assert [(o.text, o.is_correct) for o in question.options] == [
        ("Expedited preservation", True),
        ("Production orders", True),
        ("Hacking back", False),
    ]


def test_one_weighted_right_answer_still_makes_multiple_response():
    question = only_question(
        "Which article covers preservation? [articles: 25]"
        " {~%100%Article 25 ~%0%Article 30}"
    )
    assert question.question_type == "multiple_response"
    assert [o.is_correct for o in question.options] == [True, False]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True)],
)
def test_true_false_answer_words(answer, expected):
    question = only_question(
        f"Article 25 concerns stored electronic data. [articles: 25] {{{answer}}}"
    )
    assert question.question_type == "true_false"
    assert question.true_false_answer is expected


def test_true_statement_feedback_goes_wrong_to_false_and_right_to_true():
    question = only_question(
        "Preservation keeps data intact; it does not disclose it. [articles: 25]"
        " {T#Think again: preservation only freezes the data.#Yes, disclosure needs"
        " a separate order.}"
    )
    assert question.true_false_answer is True
    assert question.feedback_false == "Think again: preservation only freezes the data."
    assert question.feedback_true == "Yes, disclosure needs a separate order."


def test_false_statement_feedback_goes_wrong_to_true_and_right_to_false():
    question = only_question(
        "A preservation order discloses the data to the authorities. [articles: 25]"
        " {FALSE#No: preservation only keeps the data.#Right: it keeps, not"
        " discloses.}"
    )
    assert question.true_false_answer is False
    assert question.feedback_true == "No: preservation only keeps the data."
    assert question.feedback_false == "Right: it keeps, not discloses."


def test_true_false_with_one_feedback_gives_it_to_the_wrong_answer():
    question = only_question(
        "Article 2 defines subscriber information. [articles: 2]"
        " {T#Look again at Article 2.}"
    )
    assert question.feedback_false == "Look again at Article 2."
    assert question.feedback_true == ""


def test_only_right_answers_make_short_answer():
    question = only_question(
        """\
        Under Article 2, what is data about the origin, route and time of a
        communication called? [articles: 2] {=traffic data =traffic-data}
        """
    )
    assert question.question_type == "short_answer"
    assert question.accepted_answers == ["traffic data", "traffic-data"]
    assert question.options == []


def test_empty_braces_make_essay_with_the_general_feedback_as_marking_guide():
    question = only_question(
        """\
        Explain how Article 24 conditions limit expedited preservation.
        [articles: 24, 25][difficulty: hard]
        {####Expect proportionality, judicial review and duration limits.}
        """
    )
    assert question.question_type == "essay"
    assert question.explanation == (
        "<p>Expect proportionality, judicial review and duration limits.</p>"
    )
    assert question.difficulty == "hard"


def test_truly_empty_braces_make_essay():
    question = only_question("Describe Article 25 in your words. [articles: 25] {}")
    assert question.question_type == "essay"
    assert question.explanation == ""


def test_general_feedback_becomes_the_explanation():
    question = only_question(
        """\
        Which article defines "electronic data"? [articles: 2]
        {=Article 2 ~Article 25 ####Article 2 sets out the use of terms.}
        """
    )
    assert question.explanation == "<p>Article 2 sets out the use of terms.</p>"
    assert [o.text for o in question.options] == ["Article 2", "Article 25"]


def test_stem_is_an_escaped_html_paragraph():
    question = only_question(
        'Is <script> & "data" > 90 days allowed? [articles: 25] {=No ~Yes}'
    )
    assert question.stem == (
        '<p>Is &lt;script&gt; &amp; "data" &gt; 90 days allowed?</p>'
    )


def test_escaped_special_characters_are_literal_text():
    question = only_question(
        r"""
        ::Article 2\: use of terms:: Which sign means \{right\} in GIFT\: \= \~ or
        \#? [articles: 2]
        {=\= sign#Yes\: \= marks a right answer. ~\~ sign ~\# sign ####Escape \\ too.}
        """
    )
    assert question.title == "Article 2: use of terms"
    assert question.stem == "<p>Which sign means {right} in GIFT: = ~ or #?</p>"
    assert question.options[0] == ParsedOption(
        "= sign", True, "Yes: = marks a right answer."
    )
    assert [o.text for o in question.options[1:]] == ["~ sign", "# sign"]
    assert question.explanation == "<p>Escape \\ too.</p>"


def test_comment_lines_are_ignored():
    result = parse(
        """\
        // Chapter IV question bank, reviewed by the drafting team.
        // Article 25:

        Article 25 preserves stored electronic data. [articles: 25]
        // this comment sits inside the question
        {T}
        """
    )
    assert result.errors == []
    assert len(result.questions) == 1
    assert result.questions[0].line == 4
    assert result.questions[0].stem == (
        "<p>Article 25 preserves stored electronic data.</p>"
    )


def test_url_in_text_is_not_a_comment():
    question = only_question(
        "Is https://www.unodc.org the Convention's home? [articles: 2] {F}"
    )
    assert "https://www.unodc.org" in question.stem


def test_title_is_read_and_kept_out_of_the_stem():
    question = only_question(
        "::Expedited preservation [articles: 25]::"
        "How long may a preservation order last at first? {=90 days ~1 year}"
    )
    assert question.title == "Expedited preservation"
    assert question.stem == "<p>How long may a preservation order last at first?</p>"
    assert question.articles == [25]


def test_question_without_title_has_an_empty_title():
    question = only_question("Article 25 concerns preservation. [articles: 25] {T}")
    assert question.title == ""


def test_category_applies_to_the_following_questions():
    result = parse(
        """\
        Article 2 is titled "Use of terms". [articles: 2] {T}

        $CATEGORY: Chapter I – General provisions

        Article 2 defines "traffic data". [articles: 2] {T}

        $CATEGORY: $course$/top/Chapter IV – Procedural measures
        Article 25 concerns preservation. [articles: 25] {T}

        Article 27 concerns production orders. [articles: 27] {T}
        """
    )
    assert result.errors == []
    assert [q.category for q in result.questions] == [
        None,
        "Chapter I – General provisions",
        "Chapter IV – Procedural measures",
        "Chapter IV – Procedural measures",
    ]


def test_question_may_span_several_lines_until_a_blank_line():
    result = parse(
        """\
        ::Preservation::
        Under Article 25, a State Party may order a person to preserve
        specified stored electronic data for up to how many days?
        [articles: 25]
        {
        =90
        =ninety
        }

        Article 28 concerns search and seizure. [articles: 28] {T}
        """
    )
    assert result.errors == []
    first, second = result.questions
    assert first.stem == (
        "<p>Under Article 25, a State Party may order a person to preserve specified"
        " stored electronic data for up to how many days?</p>"
    )
    assert first.accepted_answers == ["90", "ninety"]
    assert (first.line, second.line) == (1, 10)


def test_article_ranges_are_expanded_and_sorted():
    question = only_question(
        "Which articles compel or seize data? [articles: 28, 27-28, 25]"
        " {=Production and search ~None}"
    )
    assert question.articles == [25, 27, 28]


def test_difficulty_defaults_to_medium_and_can_be_set():
    result = parse(
        """\
        Article 25 concerns preservation. [articles: 25] {T}

        Article 25 concerns preservation. [articles: 25] [Difficulty: Easy] {T}
        """
    )
    assert [q.difficulty for q in result.questions] == ["medium", "easy"]


def test_answers_inside_the_text_leave_a_blank():
    question = only_question(
        "A preservation order may first last up to {=90 =ninety} days. [articles: 25]"
    )
    assert (
        question.stem == "<p>A preservation order may first last up to _____ days.</p>"
    )
    assert question.question_type == "short_answer"


def test_plain_text_format_marker_is_dropped():
    question = only_question(
        "::Preservation::[moodle]Article 25 concerns preservation. [articles: 25] {T}"
    )
    assert question.stem == "<p>Article 25 concerns preservation.</p>"


def test_html_format_marker_is_an_error():
    assert errors_at(
        "::Preservation::[html]<p>Article 25 concerns preservation.</p>"
        " [articles: 25] {T}"
    ) == [
        (
            1,
            "Only plain-text questions can be imported. Remove [html] and write the"
            " question as plain text.",
        )
    ]


def test_result_is_ok_only_with_questions_and_no_errors():
    assert parse("Article 25 concerns preservation. [articles: 25] {T}").ok
    assert not parse("// only a comment\n\n").ok
    assert not parse("Article 25 concerns preservation. {T}").ok


def test_question_without_articles_is_an_error():
    assert errors_at("What does Article 25 require? {=Preservation ~Seizure}") == [
        (
            1,
            "Say which Convention articles the question tests, e.g. [articles: 25].",
        )
    ]


def test_empty_articles_tag_is_an_error():
    assert errors_at("What does Article 25 require? [articles: ] {=A ~B}") == [
        (
            1,
            "Say which Convention articles the question tests, e.g. [articles: 25].",
        )
    ]


def test_unknown_article_is_an_error_naming_it():
    assert errors_at(
        "Which article covers preservation? [articles: 25, 99, 120-121]"
        " {=Article 25 ~Article 99}"
    ) == [(1, "The Convention has no article 99, 120-121.")]


def test_malformed_article_numbers_are_each_an_error():
    assert errors_at(
        "Which article covers preservation? [articles: 25, art. 25, x] {=A ~B}"
    ) == [
        (
            1,
            "“art. 25” is not an article number. Write the articles as in"
            " [articles: 25, 27-28].",
        ),
        (
            1,
            "“x” is not an article number. Write the articles as in"
            " [articles: 25, 27-28].",
        ),
    ]


def test_tag_given_twice_is_an_error():
    assert errors_at(
        "::Preservation [articles: 25]:: What does it require? [articles: 25]"
        " {=Keeping ~Deleting}"
    ) == [(1, "Give the [articles: …] tag only once.")]


def test_unknown_difficulty_is_an_error():
    assert errors_at(
        "Article 25 concerns preservation. [articles: 25] [difficulty: tricky] {T}"
    ) == [(1, "Unknown difficulty “tricky”. Use easy, medium or hard.")]


def test_matching_question_is_reported_at_its_line():
    assert errors_at(
        """\
        Match each article to its measure. [articles: 25, 27]
        {
        =Article 25 -> Preservation
        =Article 27 -> Production order
        }
        """
    ) == [
        (
            3,
            "Matching questions (->) are not supported. Rewrite it as a single"
            " choice or multiple response question.",
        )
    ]


def test_numerical_question_is_reported():
    assert errors_at(
        "How many days may a first preservation order last? [articles: 25] {#90:0}"
    ) == [
        (
            1,
            "Numerical questions ({#…}) are not supported. Use a short answer"
            " instead, e.g. {=90}.",
        )
    ]


def test_missing_closing_brace_is_reported_at_the_opening_brace():
    assert errors_at(
        """\
        Which article covers preservation? [articles: 25]
        {=Article 25
        ~Article 27
        """
    ) == [(2, "Close the answers with }. Leave a blank line between questions.")]


def test_missing_answers_are_reported():
    assert errors_at("Article 25 concerns preservation. [articles: 25]") == [
        (
            1,
            "Give the answers in braces after the question text, e.g. "
            "{=right ~wrong}, or {} for an essay.",
        )
    ]


def test_missing_blank_line_between_questions_is_reported():
    assert errors_at(
        """\
        Article 25 concerns preservation. [articles: 25] {T}
        Article 27 concerns production orders. [articles: 27] {T}
        """
    ) == [
        (1, "Give the [articles: …] tag only once."),
        (
            2,
            "Unexpected “{”. A question has one set of answers in braces: leave a"
            " blank line between questions and write a brace in text as \\{.",
        ),
        (
            2,
            "Unexpected “}”. A question has one set of answers in braces: leave a"
            " blank line between questions and write a brace in text as \\}.",
        ),
    ]


def test_unclosed_title_is_reported():
    assert errors_at("::Preservation Article 25 concerns it. [articles: 25] {T}") == [
        (1, "Close the title with ::, e.g. ::Expedited preservation::.")
    ]


def test_question_without_text_is_reported():
    assert errors_at("::Preservation [articles: 25]:: {T}") == [
        (1, "Write the question text before the answers.")
    ]


def test_empty_answer_text_is_reported_at_its_line():
    assert errors_at(
        """\
        Which article covers preservation? [articles: 25] {
        =Article 25
        ~
        ~Article 30
        }
        """
    ) == [(3, "Answer 2 has no text. Write it after the = or ~.")]


def test_answer_without_marker_is_reported():
    assert errors_at(
        "Which article covers preservation? [articles: 25] {Article 25 ~Article 30}"
    ) == [
        (1, "Start each answer with = (right) or ~ (wrong)."),
        (1, "Give at least two options."),
        (1, "Mark exactly one option as correct."),
    ]


def test_malformed_weight_is_reported():
    assert errors_at(
        "Which orders exist? [articles: 25, 27] {~%50 Preservation ~%50%Production}"
    ) == [(1, "Write the weight between two % signs, e.g. ~%50%.")]


def test_choice_questions_follow_the_option_rules():
    assert errors_at(
        """\
        Which article covers preservation? [articles: 25] {~Article 25 ~Article 30}

        Which article covers preservation? [articles: 25] {~%-50%Article 30}
        """
    ) == [
        (1, "Mark exactly one option as correct."),
        (3, "Give at least two options."),
        (3, "Mark at least one option as correct."),
    ]


def test_short_answer_with_partial_credit_or_feedback_is_reported():
    assert errors_at(
        """\
        What does Article 2 call the route of a communication? [articles: 2] {
        =traffic data
        =%50%routing data
        =metadata#Close, but the Convention says traffic data.
        }
        """
    ) == [
        (3, "Short answers are either right or wrong. Remove the %50% weight."),
        (
            4,
            "Short answers have no feedback per answer. Move it to the general"
            " feedback after ####.",
        ),
    ]


def test_true_false_with_three_feedbacks_is_reported():
    assert errors_at(
        "Article 25 concerns preservation. [articles: 25] {T#Wrong#Right#Extra}"
    ) == [
        (
            1,
            "A true/false question takes at most two feedback texts: "
            "{T#feedback if answered wrongly#feedback if right}.",
        )
    ]


def test_category_without_name_is_reported():
    assert errors_at(
        """\
        $CATEGORY:

        Article 25 concerns preservation. [articles: 25] {T}
        """
    ) == [(1, "Give the category a name, e.g. $CATEGORY: Procedural measures.")]


def test_question_with_errors_is_left_out_and_the_others_kept():
    result = parse(
        """\
        Article 25 concerns preservation. [articles: 25] {T}

        Article 99 concerns nothing. [articles: 99] {T}

        Article 27 concerns production orders. [articles: 27] {T}
        """
    )
    assert [q.line for q in result.questions] == [1, 5]
    assert result.errors == [GiftError(3, "The Convention has no article 99.")]
    assert not result.ok


def test_every_error_in_the_file_is_listed_with_its_line():
    result = parse(
        """\
        // Chapter IV: procedural measures
        $CATEGORY: Chapter IV – Procedural measures

        ::Preservation::
        Which article covers expedited preservation of stored electronic data?
        [articles: 25]
        {=Article 25 ~Article 27 ~Article 30}

        Article 25 concerns preservation. {T}

        Match the measures. [articles: 25, 27] {
        =Preservation -> Article 25
        }

        How many days? [articles: 25] {#90}

        Which article covers production orders? [articles: 127] {=Article 27 ~
        }

        Which article covers search and seizure? [articles: 28] {=Article 28
        ~Article 29
        """
    )
    assert [error.line for error in result.errors] == [9, 12, 15, 17, 17, 20]
    assert [q.title for q in result.questions] == ["Preservation"]
    assert not result.ok
