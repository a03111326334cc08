"""The file jobs the window and the command line share (import, export, new year, keys,
report, restore), each with the same safety: a file a window holds is never replaced, a plan
file is backed up before it is replaced, output is written all-or-nothing with the replaced
file's permissions, and every failure is a `UserFacingError` with a Swedish sentence.

Layering: `cli, ui -> services -> storage, reports -> domain`. Nothing here imports Qt
or prints; the submodules import their heavy parts only when a job runs.
"""
