"""Trainer materials from one source: timed agendas, role-play cards and facilitator notes.

Structure (minutes, references) is data in this package's *.yml; every sentence a trainer
reads is a text (src/receivables/texts/trainer/*.yml, Chinese in the package catalogue);
figures come from the case data and the executed notebooks. Written for a Chinese trainer
first. This package may import course, collection and i18n; none of them imports it.
"""
