"""Which models a notebook shows: filters by maker, maker's country and openness, each checked
by name against the values in the data, so a new model appears without a change of code."""

from __future__ import annotations

from videorace.analysis import params
from videorace.data.vocab import OPENNESS


def choose_models(ds, organizations=(), countries=(), openness=()) -> list[str]:
    """The model_ids whose maker is in ``organizations`` (any maker when empty), whose maker's
    country is in ``countries`` (any country when empty), and whose openness includes one of
    ``openness`` (any, including models without one, when empty)."""
    models = ds.models.merge(ds.organizations[["org_id", "country"]], on="org_id", how="left")
    orgs = params.choices("organizations", organizations, sorted(models.org_id.unique()))
    codes = params.choices("countries", countries, sorted(models.country.dropna().unique()))
    kinds = params.choices("openness", openness, list(OPENNESS))
    keep = models.org_id.isin(orgs)
    if list(countries):
        keep &= models.country.isin(codes)
    if list(openness):
        keep &= models.openness.fillna("").map(lambda o: bool(set(o.split(";")) & set(kinds)))
    return sorted(models[keep].model_id)
