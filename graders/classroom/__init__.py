"""Grading a whole class: submissions in, one record per student, the class's files out (instructors)."""
