"""Read a question bank written in Moodle's GIFT text format, ready to become Questions.

The GIFT import calls `parse_gift` and creates Questions only when the result is `ok`.
The parser never touches the database and never raises on bad input: one pass lists
every mistake in the file with its line number, so an author fixes them all at once.

Besides standard GIFT, every question carries tags of our own in its title or text:
`[articles: 25, 27-28]` (required: the Convention articles it tests) and
`[difficulty: easy|medium|hard]` (optional, medium by default). Only the GIFT that maps
onto our question types is accepted; anything else is reported, never dropped.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.translation import gettext as _

from courses import convention
from quizzes.validation import MULTIPLE_RESPONSE, SINGLE_CHOICE, option_problems

# The values of Question.Type and Question.Difficulty, repeated here so that parsing
# needs neither the models nor a database.
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
ESSAY = "essay"
DIFFICULTIES = ("easy", "medium", "hard")
DEFAULT_DIFFICULTY = "medium"

CATEGORY_PREFIX = "$CATEGORY:"
# Moodle exports categories as "$course$/top/Name"; only "Name" means anything here.
MOODLE_CATEGORY_CONTEXT = re.compile(r"^(\$\w+\$/)?(top/)?")
TAG = re.compile(r"\[\s*(articles|difficulty)\s*:\s*([^\]]*)\]", re.IGNORECASE)
# Moodle writes a text format marker in front of the question text on export.
FORMAT_MARKER = re.compile(r"^\s*\[(html|markdown|moodle|plain)\]", re.IGNORECASE)
PLAIN_FORMATS = {"moodle", "plain"}
ESCAPE = re.compile(r"\\([~=#{}:\\])")
WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
TRUE_WORDS = {"T", "TRUE"}
FALSE_WORDS = {"F", "FALSE"}
# Stands for the answer when the answers sit inside the text (GIFT "missing word").
BLANK = "_____"


@dataclass(frozen=True)
class GiftError:
    """A mistake in the file, at the line the author should look at (1-based)."""

    line: int
    message: str


@dataclass(frozen=True)
class ParsedOption:
    """One option of a choice question, as an Option will hold it (plain text)."""

    text: str
    is_correct: bool
    feedback: str = ""


@dataclass
class ParsedQuestion:
    """Everything needed to create one Question and its Options.

    `stem` and `explanation` are HTML for the rich-text fields; feedback and answers
    are plain text. `category` is the name from the last `$CATEGORY:` line, if any;
    `line` is where the question starts in the file.
    """

    question_type: str
    stem: str
    articles: list[int]
    line: int
    title: str = ""
    difficulty: str = DEFAULT_DIFFICULTY
    category: str | None = None
    options: list[ParsedOption] = field(default_factory=list)
    true_false_answer: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    accepted_answers: list[str] = field(default_factory=list)
    explanation: str = ""


@dataclass
class GiftParseResult:
    """The questions read from a file and every error found; questions with errors
    are left out of `questions`, so import only when `ok`."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Safe to import: no errors, and at least one question to create."""
        return not self.errors and bool(self.questions)


def parse_gift(text: str) -> GiftParseResult:
    """Read every question in a GIFT file and report every error, in line order."""
    result = GiftParseResult()
    for block in _blocks(text.removeprefix("\ufeff"), result.errors):
        question, errors = _BlockParser(block).parse()
        result.errors.extend(errors)
        if question is not None:
            result.questions.append(question)
    result.errors.sort(key=lambda error: error.line)
    return result


@dataclass(frozen=True)
class _Block:
    """The lines of one question; comment lines are blanked, not removed, so that an
    offset in `text` still tells the line it is on."""

    first_line: int
    text: str
    category: str | None

    def line_at(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)


def _blocks(text: str, errors: list[GiftError]) -> Iterator[_Block]:
    """Split the file into questions: blank lines and category lines separate them."""
    category: str | None = None
    lines: list[str] = []
    first_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            if lines:
                lines.append("")
            continue
        if stripped and not stripped.startswith(CATEGORY_PREFIX):
            if not lines:
                first_line = number
            lines.append(line)
            continue
        if lines:
            yield _Block(first_line, "\n".join(lines), category)
            lines = []
        if stripped:
            category = _category_name(stripped.removeprefix(CATEGORY_PREFIX))
            if category is None:
                errors.append(
                    GiftError(
                        number,
                        _("Give the category a name, e.g. %(example)s.")
                        % {"example": "$CATEGORY: Procedural measures"},
                    )
                )
    if lines:
        yield _Block(first_line, "\n".join(lines), category)


def _category_name(value: str) -> str | None:
    return MOODLE_CATEGORY_CONTEXT.sub("", value.strip()).strip() or None


@dataclass(frozen=True)
class _Answer:
    """One `=` or `~` answer as read, before we know the question's type."""

    marker: str
    option: ParsedOption
    weight: float | None
    offset: int


class _BlockParser:
    """Reads one question, collecting its errors rather than stopping at the first."""

    def __init__(self, block: _Block) -> None:
        self.block = block
        self.text = block.text
        self.errors: list[GiftError] = []

    def error(self, message: str, offset: int = 0) -> None:
        self.errors.append(GiftError(self.block.line_at(offset), message))

    def parse(self) -> tuple[ParsedQuestion | None, list[GiftError]]:
        title, body_start = self.read_title()
        braces = self.find_answers(body_start)
        if braces is None:
            before, after = self.text[body_start:], ""
        else:
            before, after = (
                self.text[body_start : braces[0]],
                self.text[braces[1] + 1 :],
            )
        tags: dict[str, list[str]] = {"articles": [], "difficulty": []}
        title, before, after = (
            _take_tags(part, tags) for part in (title, before, after)
        )
        articles = self.read_articles(tags["articles"])
        difficulty = self.read_difficulty(tags["difficulty"])
        before = self.drop_format_marker(before)
        if braces is None:
            return None, self.errors
        question = ParsedQuestion(
            question_type=ESSAY,
            stem=_html(f"{before} {BLANK} {after}" if after.strip() else before),
            articles=articles,
            line=self.block.first_line,
            title=_plain(title),
            difficulty=difficulty,
            category=self.block.category,
        )
        if not question.stem:
            self.error(_("Write the question text before the answers."))
        self.read_answers(question, braces[0] + 1, braces[1])
        return (None if self.errors else question), self.errors

    def read_title(self) -> tuple[str, int]:
        """The raw `::title::` and where the question text starts after it."""
        start = len(self.text) - len(self.text.lstrip())
        if not self.text.startswith("::", start):
            return "", 0
        end = _find(self.text, "::", start + 2)
        if end < 0:
            self.error(
                _("Close the title with ::, e.g. %(example)s.")
                % {"example": "::Expedited preservation::"}
            )
            return "", 0
        return self.text[start + 2 : end], end + 2

    def find_answers(self, start: int) -> tuple[int, int] | None:
        """Offsets of the braces around the answers, reporting any missing or extra."""
        opening = _find(self.text, "{", start)
        if opening < 0:
            self.error(
                _(
                    "Give the answers in braces after the question text, e.g. "
                    "%(choice)s, or %(essay)s for an essay."
                )
                % {"choice": "{=right ~wrong}", "essay": "{}"}
            )
            return None
        closing = next(
            (i for i in _unescaped(self.text, opening + 1) if self.text[i] in "{}"),
            -1,
        )
        if closing < 0 or self.text[closing] == "{":
            self.error(
                _("Close the answers with }. Leave a blank line between questions."),
                opening,
            )
            return None
        for index in _unescaped(self.text):
            brace = self.text[index]
            if brace in "{}" and index not in (opening, closing):
                self.error(
                    _(
                        "Unexpected “%(brace)s”. A question has one set of answers in "
                        "braces: leave a blank line between questions and write a "
                        "brace in text as \\%(brace)s."
                    )
                    % {"brace": brace},
                    index,
                )
        return opening, closing

    def read_articles(self, values: list[str]) -> list[int]:
        """The numbers in the [articles: …] tag, in order."""
        if len(values) > 1:
            self.error(_("Give the [%(tag)s: …] tag only once.") % {"tag": "articles"})
        numbers: set[int] = set()
        malformed = False
        # parse_article_list stops at the first malformed part; reading the list part
        # by part reports every one.
        for part in (values[0] if values else "").split(","):
            try:
                numbers.update(convention.parse_article_list(part))
            except ValueError as error:
                malformed = True
                self.error(
                    _(
                        "“%(part)s” is not an article number. Write the articles as "
                        "in %(example)s."
                    )
                    % {"part": error, "example": "[articles: 25, 27-28]"}
                )
        if not numbers and not malformed:
            self.error(
                _("Say which Convention articles the question tests, e.g. %(example)s.")
                % {"example": "[articles: 25]"}
            )
        unknown = [number for number in numbers if number not in convention.articles()]
        if unknown:
            self.error(
                _("The Convention has no article %(numbers)s.")
                % {"numbers": convention.format_article_list(unknown)}
            )
        return sorted(numbers)

    def read_difficulty(self, values: list[str]) -> str:
        """The [difficulty: …] tag's value; medium when the tag is left out."""
        if len(values) > 1:
            self.error(
                _("Give the [%(tag)s: …] tag only once.") % {"tag": "difficulty"}
            )
        if not values:
            return DEFAULT_DIFFICULTY
        difficulty = values[0].strip().lower()
        if difficulty not in DIFFICULTIES:
            self.error(
                _("Unknown difficulty “%(value)s”. Use easy, medium or hard.")
                % {"value": values[0].strip()}
            )
        return difficulty

    def drop_format_marker(self, text: str) -> str:
        """Moodle's [plain] and [moodle] markers mean plain text; HTML and Markdown
        would need converting, which the import does not do."""
        marker = FORMAT_MARKER.match(text)
        if marker is None:
            return text
        if marker[1].lower() not in PLAIN_FORMATS:
            self.error(
                _(
                    "Only plain-text questions can be imported. Remove %(marker)s and "
                    "write the question as plain text."
                )
                % {"marker": marker[0].strip()}
            )
        return text[marker.end() :]

    def read_answers(self, question: ParsedQuestion, start: int, end: int) -> None:
        """Fill in the type and answers from the text between the braces."""
        answers = self.text[start:end]
        general = _find(answers, "####")
        if general >= 0:
            question.explanation = _html(answers[general + 4 :])
            answers = answers[:general]
        matching = answers.find("->")
        if matching >= 0:
            self.error(
                _(
                    "Matching questions (->) are not supported. Rewrite it as a single "
                    "choice or multiple response question."
                ),
                start + matching,
            )
            return
        stripped = answers.strip()
        if not stripped:
            return
        if stripped.startswith("#"):
            self.error(
                _(
                    "Numerical questions ({#…}) are not supported. Use a short answer "
                    "instead, e.g. %(example)s."
                )
                % {"example": "{=90}"},
                start + answers.find("#"),
            )
            return
        pieces = _split(answers, "#")
        if pieces[0][1].strip().upper() in TRUE_WORDS | FALSE_WORDS:
            self.read_true_false(question, pieces, start)
        else:
            self.read_choices(question, answers, start)

    def read_true_false(
        self, question: ParsedQuestion, pieces: list[tuple[int, str]], start: int
    ) -> None:
        """GIFT gives the feedback to a wrong answer first, then to a right one."""
        if len(pieces) > 3:
            self.error(
                _(
                    "A true/false question takes at most two feedback texts: "
                    "%(example)s."
                )
                % {"example": "{T#feedback if answered wrongly#feedback if right}"},
                start + pieces[3][0],
            )
        answer = pieces[0][1].strip().upper() in TRUE_WORDS
        feedback = [_plain(piece[1:]) for _offset, piece in pieces[1:3]]
        wrong, right = [*feedback, "", ""][:2]
        question.question_type = TRUE_FALSE
        question.true_false_answer = answer
        question.feedback_true = right if answer else wrong
        question.feedback_false = wrong if answer else right

    def read_choices(self, question: ParsedQuestion, answers: str, start: int) -> None:
        """`=` and `~` answers: short answer when all are `=`, otherwise options."""
        pieces = _split(answers, "=~")
        if pieces[0][1].strip():
            self.error(
                _("Start each answer with = (right) or ~ (wrong)."),
                start + pieces[0][0],
            )
        read = [
            self.read_answer(number, piece, start + offset)
            for number, (offset, piece) in enumerate(pieces[1:], start=1)
        ]
        if all(answer.marker == "=" for answer in read):
            self.read_short_answer(question, read)
            return
        weighted = any(answer.weight is not None for answer in read)
        right = sum(1 for answer in read if answer.marker == "=")
        question.question_type = (
            MULTIPLE_RESPONSE if weighted or right > 1 else SINGLE_CHOICE
        )
        question.options = [answer.option for answer in read]
        for problem in option_problems(
            question.question_type,
            [(option.text, option.is_correct) for option in question.options],
        ):
            self.error(problem)

    def read_answer(self, number: int, piece: str, offset: int) -> _Answer:
        """One answer such as `=text#feedback` or `~%50%text#feedback`."""
        marker, body = piece[0], piece[1:]
        hash_at = _find(body, "#")
        text, feedback = (
            (body, "") if hash_at < 0 else (body[:hash_at], body[hash_at + 1 :])
        )
        weight_match = WEIGHT.match(text)
        weight = None if weight_match is None else float(weight_match[1])
        if weight_match is not None:
            text = text[weight_match.end() :]
        elif text.lstrip().startswith("%"):
            self.error(
                _("Write the weight between two %% signs, e.g. %(example)s.")
                % {"example": "~%50%"},
                offset,
            )
        if not _plain(text):
            self.error(
                _("Answer %(number)d has no text. Write it after the = or ~.")
                % {"number": number},
                offset,
            )
        is_correct = marker == "=" or (weight is not None and weight > 0)
        option = ParsedOption(_plain(text), is_correct, _plain(feedback))
        return _Answer(marker, option, weight, offset)

    def read_short_answer(self, question: ParsedQuestion, read: list[_Answer]) -> None:
        """Every accepted answer is fully right, and shares the general feedback."""
        question.question_type = SHORT_ANSWER
        question.accepted_answers = [answer.option.text for answer in read]
        for answer in read:
            if answer.weight is not None and answer.weight != 100:
                self.error(
                    _(
                        "Short answers are either right or wrong. Remove the "
                        "%(weight)s weight."
                    )
                    % {"weight": f"%{answer.weight:g}%"},
                    answer.offset,
                )
            if answer.option.feedback:
                self.error(
                    _(
                        "Short answers have no feedback per answer. Move it to the "
                        "general feedback after ####."
                    ),
                    answer.offset,
                )


def _take_tags(text: str, tags: dict[str, list[str]]) -> str:
    """`text` without our [name: value] tags, whose values are added to `tags`."""
    for tag in TAG.finditer(text):
        tags[tag[1].lower()].append(tag[2])
    return TAG.sub("", text)


def _unescaped(text: str, start: int = 0) -> Iterator[int]:
    """Offsets of the characters that no backslash escapes, from `start` on."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        yield index
        index += 1


def _find(text: str, target: str, start: int = 0) -> int:
    """Offset of the first unescaped `target`, or -1."""
    return next((i for i in _unescaped(text, start) if text.startswith(target, i)), -1)


def _split(text: str, separators: str) -> list[tuple[int, str]]:
    """Cut `text` before each unescaped separator; each piece with its offset."""
    cuts = [i for i in _unescaped(text) if text[i] in separators]
    return [(start, text[start:end]) for start, end in pairwise([0, *cuts, len(text)])]


def _plain(raw: str) -> str:
    """GIFT text as plain text: lines joined, white space collapsed, escapes undone."""
    return ESCAPE.sub(r"\1", " ".join(raw.split()))


def _html(raw: str) -> str:
    """GIFT text as a rich-text paragraph, or "" when there is no text."""
    text = _plain(raw)
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""
