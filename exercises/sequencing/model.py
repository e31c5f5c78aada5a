"""Sequencing the work that follows product-market fit: the chapter's models, in one place.

Each exercise's model lives in its own module, pure pandas and numpy, no display:

* :mod:`exercises.sequencing.model_order`: **Exercise 1, order the backlog**: one team works
  through the initiatives one at a time; an initiative earns ``v_i`` a week from the week it
  ships until the horizon; WSJF / CD3 (Reinertsen 2009; Arnold) against the exact best order
  (dynamic programming over subsets; Smith 1956 for why WSJF is optimal without dependencies).
* :mod:`exercises.sequencing.model_capacity`: **Exercise 2, split the team's capacity** across
  the four kinds of work, with diminishing returns ``a_k ln(1 + x_k / s_k)``; the leader's
  split equalises marginal returns (water-filling, Boyd and Vandenberghe 2004, example 5.2).

This module re-exports every public name of both, so ``from exercises.sequencing import model``
and ``model.X`` work for any of them; each module's docstring states its equations and
assumptions.
"""

from __future__ import annotations

from . import model_capacity, model_order
from .model_capacity import *  # noqa: F403 - the chapter's public face
from .model_order import *  # noqa: F403

__all__ = sorted({*model_order.__all__, *model_capacity.__all__})
