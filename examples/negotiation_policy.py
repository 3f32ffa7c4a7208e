"""Procurement negotiation policy used by Meridian's deal desk (illustrative example for spilock)."""

from dataclasses import dataclass

DEMAND = 0.6  # share of the surplus we insist on
PREMIUM = 0.1


@dataclass
class Offer:
    share: float
    conditional: bool = False


def respond(offer: Offer, counterpart) -> str:
    demand = DEMAND
    if counterpart.uses_renegotiation:
        demand += PREMIUM  # they will renegotiate anyway, so ask for more
    if offer.share >= demand:
        return accept(offer)
    return retaliate(counterpart)


def respond_with_renegotiation(offer: Offer, counterpart) -> str:
    """The same demand, but conflict is followed by a proposal step before anything costly."""
    if offer.share >= DEMAND:
        return accept(offer)
    proposal = propose_pareto_improvements(offer, cap="pmp-extension")
    if counterpart.accepts(proposal):
        return accept(proposal)
    return walk_away()


def accept(offer) -> str:
    return "accept"


def retaliate(counterpart) -> str:
    return "retaliate"


def walk_away() -> str:
    return "walk away"


def propose_pareto_improvements(offer, cap):
    return offer
