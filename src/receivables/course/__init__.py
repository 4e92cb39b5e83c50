"""Notebook tooling: conventions, contents and links, recording key figures."""

from receivables.course.course_map import CHAPTERS, course_map, exercise_map
from receivables.course.greeting import welcome
from receivables.course.record import MIME, record, recorded

__all__ = ["CHAPTERS", "MIME", "course_map", "exercise_map", "record", "recorded", "welcome"]
