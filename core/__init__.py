"""What every app shares and no app owns: admin permission policies, the site's
public address, the reports database router, the timing middleware and the base of
the errors whose message is shown to a person.

A plain package, not an installed app (it has no models, templates or migrations),
at the bottom of the dependency graph: it imports no other app of the project
(docs/architecture.md).
"""
