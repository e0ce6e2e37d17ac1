"""Seeded synthetic tables for demo mode. Every name is fictitious (示例学院01 / Demo College 01)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 20261127
DEMO_REGIONS = (500000, 510000, 520000, 610000, 420000, 430000, 410000, 110000, 310000, 440000)
CATEGORY_CODES = tuple(range(41, 60))
DEMO_DISTRICTS = (500118, 500101, 500116, 500106, 500107, 500113, 500109, 500112)


def college_budgets(seed: int = SEED) -> pd.DataFrame:
    """Synthetic budgets of fictitious colleges (示例学院NN / Demo College NN), 2022–2025.

    Args: ``seed`` as ``specialty_points``.
    Returns: the ``DemoCollegeBudgets`` columns: names, province_adcode, year,
    budget_total_10k_yuan (万元, log-normal around 4 亿元), enrollment (persons), is_demo "true".
    """
    rng = np.random.default_rng(seed + 1)
    rows = []
    number = 0
    for region in DEMO_REGIONS:
        for _ in range(12 if region == 500000 else 4):
            number += 1
            budget = float(rng.lognormal(np.log(40_000), 0.5))
            enrollment = int(rng.integers(4_000, 20_000))
            for year in range(2022, 2026):
                budget *= float(rng.normal(1.04, 0.05))
                rows.append(
                    {
                        "college_name_zh": f"示例学院{number:02d}",
                        "college_name_en": f"Demo College {number:02d}",
                        "province_adcode": region,
                        "year": year,
                        "budget_total_10k_yuan": round(budget, 1),
                        "enrollment": enrollment,
                        "is_demo": "true",
                    }
                )
    return pd.DataFrame(rows)


def consortia(seed: int = SEED) -> pd.DataFrame:
    """Twelve synthetic consortia (示例联合体NN) with fictitious lead colleges and member firms.

    Args: ``seed`` as ``specialty_points``.
    Returns: the ``DemoConsortia`` columns (id DEMO01…, names, kind, scope, category_codes,
    lead_institutions, members, founded_date YYYY-MM, district_adcode, is_demo "true").
    """
    rng = np.random.default_rng(seed + 2)
    kinds = ("市域产教联合体", "行业产教融合共同体")
    scopes = ("national", "chengdu-chongqing", "municipal", "district")
    rows = []
    for number in range(1, 13):
        codes = sorted(rng.choice(CATEGORY_CODES, size=int(rng.integers(1, 3)), replace=False).tolist())
        colleges = sorted(rng.choice(range(1, 13), size=3, replace=False).tolist())
        firms = sorted(rng.choice(range(1, 31), size=3, replace=False).tolist())
        rows.append(
            {
                "id": f"DEMO{number:02d}",
                "name_zh": f"示例联合体{number:02d}",
                "name_en": f"Demo Consortium {number:02d}",
                "kind": kinds[number % 2],
                "scope": scopes[int(rng.integers(0, len(scopes)))],
                "category_codes": "|".join(str(c) for c in codes),
                "lead_institutions": f"示例学院{colleges[0]:02d}",
                "members": "|".join([*(f"示例学院{c:02d}" for c in colleges[1:]), *(f"示例企业{f:02d}" for f in firms)]),
                "founded_date": f"{int(rng.integers(2020, 2026))}-{int(rng.integers(1, 13)):02d}",
                "district_adcode": int(rng.choice(DEMO_DISTRICTS)),
                "is_demo": "true",
            }
        )
    return pd.DataFrame(rows)
