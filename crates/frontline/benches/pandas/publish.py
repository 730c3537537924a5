"""The analyst's pipeline the publish benchmark measures Frontline against: the same cycle read from
the same SQLite database and published as an analyst would with pandas and geopandas — answers
parsed, FTE allocated to police force areas by each service's shares, rolled up to regions and
England and Wales, the Idva need model and % coverage, the coverage and roles tables as CSV, the
coverage GeoJSON and an SVG choropleth of coverage.

    python publish.py DATABASE YEAR BOUNDARIES.geojson OUT_DIR

Run by `cargo bench -p frontline --bench publish` when FRONTLINE_PANDAS_PYTHON names a Python
with pandas and geopandas (and matplotlib); the benchmark times the whole run, start-up included,
as an analyst would wait for it.
"""

import json
import os
import sqlite3
import sys

import geopandas as gpd
import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

ROLES = ["idva", "outreach", "children"]


def main(db_path, year, boundaries_path, out):
    os.makedirs(out, exist_ok=True)
    con = sqlite3.connect(db_path)
    cycle = pd.read_sql_query(
        "SELECT id, cases_per_idva, high_risk_per_10k_women, unseen_high_risk_uplift_fte "
        "FROM survey_cycles WHERE year = ?",
        con,
        params=(int(year),),
    ).iloc[0]
    answers = pd.read_sql_query(
        "SELECT service_id, answers FROM responses WHERE cycle_id = ? AND status = 'submitted'",
        con,
        params=(int(cycle["id"]),),
    )
    areas = pd.read_sql_query(
        "SELECT code AS pfa_code, name AS pfa, region, adult_females FROM police_force_areas", con
    )
    need_inputs = pd.read_sql_query(
        "SELECT pfa_code, marac_cases FROM need_inputs WHERE cycle_id = ?",
        con,
        params=(int(cycle["id"]),),
    )

    # Each answer's figures, and its shares by area, one row per service and area.
    parsed = answers["answers"].map(json.loads)
    figures = pd.json_normalize(parsed.tolist())
    figures["service_id"] = answers["service_id"].values
    shares = (
        pd.DataFrame(
            [
                (sid, code, float(share))
                for sid, a in zip(answers["service_id"], parsed)
                for code, share in (a.get("areas") or {}).items()
            ],
            columns=["service_id", "pfa_code", "share"],
        )
    )
    shares["share"] = shares["share"] / shares.groupby("service_id")["share"].transform("sum")
    measures = {f"{r}_fte": f"roles.{r}.fte" for r in ROLES}
    measures.update({f"{r}_people": f"roles.{r}.people" for r in ROLES})
    measures["idva_high_risk_fte"] = "idva_high_risk_fte"
    wide = figures[["service_id"] + [c for c in measures.values() if c in figures]].rename(
        columns={v: k for k, v in measures.items()}
    ).fillna(0)
    allocated = shares.merge(wide, on="service_id")
    for m in measures:
        if m in allocated:
            allocated[m] = allocated[m] * allocated["share"]
    by_pfa = allocated.groupby("pfa_code")[[m for m in measures if m in allocated]].sum()

    # The need model and coverage, by area, region and England and Wales.
    pfa = areas.merge(need_inputs, on="pfa_code", how="left").merge(
        by_pfa, left_on="pfa_code", right_index=True, how="left"
    ).fillna({m: 0 for m in measures})
    total_marac = pfa["marac_cases"].fillna(0).clip(lower=0).sum()
    marac_fte = pfa["marac_cases"].fillna(0) / cycle["cases_per_idva"]
    population_fte = (
        pfa["adult_females"] * cycle["high_risk_per_10k_women"] / 10_000 / cycle["cases_per_idva"]
    )
    uplift = (
        cycle["unseen_high_risk_uplift_fte"] * pfa["marac_cases"].fillna(0) / total_marac
        if total_marac > 0
        else 0.0
    )
    pfa["required_fte"] = marac_fte.combine(population_fte, max) + uplift
    pfa["pct_coverage"] = 100 * pfa["idva_high_risk_fte"] / pfa["required_fte"]
    regions = pfa.groupby("region")[["idva_fte", "idva_high_risk_fte", "required_fte"]].sum()
    regions["pct_coverage"] = 100 * regions["idva_high_risk_fte"] / regions["required_fte"]
    nation = regions[["idva_fte", "idva_high_risk_fte", "required_fte"]].sum()
    nation["pct_coverage"] = 100 * nation["idva_high_risk_fte"] / nation["required_fte"]

    tables = os.path.join(out, "tables")
    os.makedirs(tables, exist_ok=True)
    cols = ["pfa_code", "pfa", "region", "idva_fte", "idva_high_risk_fte", "required_fte", "pct_coverage"]
    pfa[cols].round(1).to_csv(os.path.join(tables, "pfa-coverage.csv"), index=False)
    regions.round(1).to_csv(os.path.join(tables, "region-coverage.csv"))
    nation.round(1).to_frame("england_and_wales").to_csv(os.path.join(tables, "national.csv"))
    roles = pfa[["pfa_code", "pfa", "region"] + [c for c in pfa if c.endswith(("_fte", "_people"))]]
    roles.round(1).to_csv(os.path.join(tables, "roles-by-pfa.csv"), index=False)

    # The map: boundaries joined to coverage, as GeoJSON and as an SVG choropleth.
    shapes = gpd.read_file(boundaries_path)
    code = next(c for c in shapes.columns if c.upper().startswith("PFA") and c.upper().endswith("CD"))
    mapped = shapes.merge(pfa[["pfa_code", "pct_coverage"]], left_on=code, right_on="pfa_code")
    maps = os.path.join(out, "maps")
    os.makedirs(maps, exist_ok=True)
    mapped.to_file(os.path.join(maps, "idva-coverage.geojson"), driver="GeoJSON")
    ax = mapped.plot(column="pct_coverage", legend=True, figsize=(6, 8))
    ax.set_axis_off()
    ax.set_title(f"Idva coverage, {year}")
    plt.savefig(os.path.join(maps, "idva-coverage.svg"))


if __name__ == "__main__":
    main(*sys.argv[1:5])
