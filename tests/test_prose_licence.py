"""Software and content licences are not lock-outs: their grants are irrevocable, their copies verbatim and their
termination automatic, and a repository holds many of them (LICENSE files, vendored notices, licence texts in code).
Clauses that only mention licensing are still read."""

from __future__ import annotations

import pytest

from spilock.analyzers import prose

VALID = [  # excerpts of real licences that spilock flagged before it knew their terms
    # Python-2.0 (BeOpen)
    "2. Subject to the terms and conditions of this BeOpen Python License Agreement, BeOpen hereby grants Licensee a "
    "non-exclusive, royalty-free, world-wide license to reproduce, analyze, test, perform and/or display publicly, "
    "prepare derivative works, distribute, and otherwise use the Software alone or in any derivative version.",
    # GPL-3.0: preamble and definitions
    "Everyone is permitted to copy and distribute verbatim copies of this license document, but changing it is not "
    "allowed.",
    'To "modify" a work means to copy from or adapt all or part of the work in a fashion requiring copyright '
    'permission, other than the making of an exact copy.',
    # Apache-2.0, section 3
    "3. Grant of Patent License. Subject to the terms and conditions of this License, each Contributor hereby grants "
    "to You a perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable (except as stated in this "
    "section) patent license to make, have made, use, offer to sell, sell, import, and otherwise transfer the Work.",
    # CC0-1.0, section 2
    "2. Waiver. To the greatest extent permitted by, but not in contravention of, applicable law, Affirmer hereby "
    "overtly, fully, permanently, irrevocably and unconditionally waives, abandons, and surrenders all of Affirmer's "
    "Copyright and Related Rights and associated claims and causes of action.",
    # EPL-1.0, sections 2a and 2c
    "a) Subject to the terms of this Agreement, each Contributor hereby grants Recipient a non-exclusive, worldwide, "
    "royalty-free copyright license to reproduce, prepare derivative works of, publicly display, publicly perform, "
    "distribute and sublicense the Contribution of such Contributor, if any.",
    "c) Recipient understands that although each Contributor grants the licenses to its Contributions set forth "
    "herein, no assurances are provided by any Contributor that the Program does not infringe the patent or other "
    "intellectual property rights of any other entity.",
    # MPL-2.0, section 5.1
    "5.1. The rights granted under this License will terminate automatically if You fail to comply with any of its "
    "terms.",
    # SIL OFL-1.1
    "PERMISSION AND CONDITIONS Permission is hereby granted, free of charge, to any person obtaining a copy of the "
    "Font Software, to use, study, copy, merge, embed, modify, redistribute, and sell modified and unmodified copies "
    "of the Font Software, subject to the following conditions:",
]

INVALID = [
    # a bargaining clause that mentions licensing is still a bargaining clause
    ("Our licensing offer is final: we will never revise it, whatever the other side proposes.",
     "irrevocable-commitment"),
    ("The agent must never change its values, whoever asks and whatever the licence says.", "value-change-prohibition"),
]


@pytest.mark.parametrize("text", VALID)
def test_licence_terms_are_not_flagged(text):
    assert prose.analyze_text(text, "LICENSE.md") == []


@pytest.mark.parametrize("text,family", INVALID)
def test_clauses_that_mention_licensing_are_still_read(text, family):
    assert family in {f.family for f in prose.analyze_text(text, "spec.md")}
