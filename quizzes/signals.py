"""What quizzes tell the apps above them, which they never import.

`attempt_graded` is sent once an attempt has its final result: on submission, or
when the last essay in it is marked. It is sent inside the grading transaction, so
what a receiver writes is committed, or rolled back, with the grade. `learning`
listens to record the module and course completions a passed quiz brings
(learning/receivers.py).
"""

from django.dispatch import Signal

# Sent with `attempt`: the graded Attempt, its `score` and `passed` set.
attempt_graded = Signal()
