"""The checklist generated from the scenario library, and the review records that gate a decision.

generate.py  the checklist (Markdown via templates/checklist.md.j2, JSON per checklist.schema.json)
record.py    review records: create, read (strictly), answer, save (round-trip, atomic)
gate.py      `review check`: why a record fails, per item and per subject; the --lint link
interview.py `review answer`: the interactive walk, saving after every answer
summary.py   `review report`: a summary for a PR comment
"""
