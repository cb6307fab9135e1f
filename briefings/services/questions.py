"""What a briefing asks, and which actors and regions it is about.

Editors set both on the briefing's question page (``views_question.py``), the seeds declare
them, and the API can change them; the answer panel and the suggestions follow.
"""
from collections.abc import Iterable

from celery import current_app
from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Actor, Region

from ..models import Briefing
from .revisions import _check_editor

PROPOSE_TASK = "briefings.propose_for_briefing"


def briefing_question_set(
    *,
    briefing: Briefing,
    editor,
    question: str,
    region: Region | None = None,
    target: Actor | None = None,
    actors: Iterable[Actor] | None = None,
    regions: Iterable[Region] | None = None,
) -> Briefing:
    """Set what ``briefing`` asks and, when given, its subjects (``None`` keeps them).

    A control question's place and a stance question's target become subjects too, so that
    the claims about them reach the briefing. After the commit, claims already recorded are
    proposed to the briefing (a task), so a briefing made today starts with suggestions.
    """
    _check_editor(editor)
    if question not in Briefing.Question.values:
        raise ValidationError({"question": f"Unknown kind of question: {question!r}."})
    if question == Briefing.Question.CONTROL and region is None:
        raise ValidationError({"question_region": "Name the place whose control the briefing follows."})
    if question == Briefing.Question.STANCE and target is None:
        raise ValidationError({"question_target": "Name whom or what the parties take a stance on."})
    with transaction.atomic():
        locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
        locked.question = question
        locked.question_region = region if question == Briefing.Question.CONTROL else None
        locked.question_target = target if question == Briefing.Question.STANCE else None
        locked.full_clean(exclude=["title", "slug"])
        locked.save(update_fields=["question", "question_region", "question_target", "updated_at"])
        if actors is not None:
            locked.subject_actors.set(list(actors))
        if regions is not None:
            locked.subject_regions.set(list(regions))
        if locked.question_region is not None:
            locked.subject_regions.add(locked.question_region)
        if locked.question_target is not None:
            locked.subject_actors.add(locked.question_target)
        transaction.on_commit(lambda: current_app.send_task(PROPOSE_TASK, args=[locked.pk]))
    return locked
