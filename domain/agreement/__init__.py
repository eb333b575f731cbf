"""The Agreement aggregate, one module per responsibility (drafting, signing, progress, milestones, …).

One event idiom throughout: each event is a class with a stable TOPIC, its fields and a typed `apply` (the
state change, run again on replay); a command checks its rules, then triggers the event. Plain event classes,
rather than `@event` methods, keep each stored payload's fields visible in one place, beside the state change
they make.
"""

from domain.agreement.aggregate import Agreement

__all__ = ["Agreement"]
