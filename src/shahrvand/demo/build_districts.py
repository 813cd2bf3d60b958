"""Build the demo district polygons once and write them to data/districts-<slug>.json.

Run:  .venv/bin/python -m shahrvand.demo.build_districts

These are demo shapes, not official boundaries. Each district has a seed point at the
approximate location of the real district's centre; the districts are the Voronoi cells of
those seeds clipped to a rough outline of the city, so they tile the outline without gaps or
overlaps. Coordinates are snapped to a 1e-6° grid (about 10 cm) to keep the files small;
snapping is done on every cell with the same grid, so shared edges stay shared. The script
checks the result (tiling, no overlaps, centre covered) before it writes anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, Polygon, mapping

from shahrvand.common.persian import to_persian_digits

DATA_DIR = Path(__file__).with_name("data")
GRID = 1e-6
NOTE = "demo shapes, not official boundaries"


@dataclass(frozen=True)
class Seed:
    number: int
    lon: float
    lat: float
    weight: float  # relative population
    hint: str = ""  # the area the seed stands for (for people reading the file)


@dataclass(frozen=True)
class City:
    slug: str
    outline: list[tuple[float, float]]  # lon, lat
    seeds: list[Seed]


TEHRAN = City(
    slug="tehran",
    outline=[
        (51.10, 35.74),
        (51.15, 35.77),
        (51.25, 35.785),
        (51.33, 35.80),
        (51.40, 35.82),
        (51.47, 35.832),
        (51.53, 35.81),
        (51.57, 35.78),
        (51.60, 35.74),
        (51.58, 35.69),
        (51.535, 35.65),
        (51.50, 35.60),
        (51.46, 35.56),
        (51.40, 35.57),
        (51.35, 35.595),
        (51.30, 35.62),
        (51.24, 35.64),
        (51.18, 35.67),
        (51.12, 35.70),
    ],
    seeds=[
        Seed(1, 51.455, 35.805, 500, "تجریش، نیاوران"),
        Seed(2, 51.370, 35.765, 700, "شهرک غرب، سعادت‌آباد"),
        Seed(3, 51.425, 35.765, 330, "ونک، ظفر"),
        Seed(4, 51.520, 35.765, 920, "تهرانپارس، مجیدیه"),
        Seed(5, 51.300, 35.755, 860, "پونک، جنت‌آباد"),
        Seed(6, 51.400, 35.720, 250, "ولیعصر، کشاورز"),
        Seed(7, 51.440, 35.722, 310, "سبلان، شریعتی"),
        Seed(8, 51.490, 35.732, 420, "نارمک"),
        Seed(9, 51.310, 35.690, 170, "مهرآباد"),
        Seed(10, 51.360, 35.685, 330, "سلسبیل"),
        Seed(11, 51.395, 35.678, 310, "راه‌آهن، منیریه"),
        Seed(12, 51.430, 35.675, 240, "بازار"),
        Seed(13, 51.490, 35.700, 260, "پیروزی"),
        Seed(14, 51.470, 35.668, 500, "خاوران، محلاتی"),
        Seed(15, 51.480, 35.630, 680, "مسعودیه"),
        Seed(16, 51.410, 35.640, 280, "جوادیه"),
        Seed(17, 51.365, 35.655, 280, "ابوذر"),
        Seed(18, 51.290, 35.650, 420, "یافت‌آباد"),
        Seed(19, 51.360, 35.620, 270, "خانی‌آباد"),
        Seed(20, 51.435, 35.595, 370, "شهر ری"),
        Seed(21, 51.230, 35.700, 190, "تهرانسر"),
        Seed(22, 51.170, 35.745, 190, "چیتگر"),
    ],
)

KARAJ = City(
    slug="karaj",
    outline=[
        (50.86, 35.81),
        (50.87, 35.845),
        (50.90, 35.865),
        (50.95, 35.875),
        (51.00, 35.877),
        (51.04, 35.865),
        (51.065, 35.84),
        (51.06, 35.80),
        (51.04, 35.775),
        (50.99, 35.768),
        (50.93, 35.772),
        (50.885, 35.785),
    ],
    seeds=[
        Seed(1, 50.990, 35.855, 150),
        Seed(2, 50.945, 35.850, 170),
        Seed(3, 50.915, 35.825, 160),
        Seed(4, 50.970, 35.830, 140),
        Seed(5, 51.020, 35.845, 130),
        Seed(6, 50.895, 35.800, 120),
        Seed(7, 50.945, 35.805, 150),
        Seed(8, 51.000, 35.815, 140),
        Seed(9, 51.030, 35.790, 110),
        Seed(10, 50.875, 35.830, 90),
        Seed(11, 50.965, 35.785, 120),
        Seed(12, 51.040, 35.820, 100),
    ],
)

SHAHRIAR = City(
    slug="shahriar",
    outline=[
        (51.025, 35.645),
        (51.03, 35.675),
        (51.05, 35.685),
        (51.075, 35.683),
        (51.095, 35.67),
        (51.098, 35.645),
        (51.085, 35.630),
        (51.055, 35.627),
        (51.035, 35.632),
    ],
    seeds=[
        Seed(1, 51.070, 35.668, 95),
        Seed(2, 51.045, 35.665, 80),
        Seed(3, 51.045, 35.642, 70),
        Seed(4, 51.077, 35.643, 65),
    ],
)

CITIES = [TEHRAN, KARAJ, SHAHRIAR]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` with the largest-remainder method (exact sum)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _as_lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_as_lists(v) for v in value]
    return value


def district_cells(city: City) -> list[Any]:
    """The clipped, snapped Voronoi cell of every seed, in seed order."""
    outline = shapely.set_precision(Polygon(city.outline), GRID)
    seeds = MultiPoint([(s.lon, s.lat) for s in city.seeds])
    for seed in city.seeds:
        if not outline.contains(Point(seed.lon, seed.lat)):
            raise ValueError(f"{city.slug}: seed {seed.number} is outside the outline")
    cells = shapely.voronoi_polygons(seeds, extend_to=outline, ordered=True)
    clipped = [shapely.set_precision(cell.intersection(outline), GRID) for cell in cells.geoms]
    for seed, cell in zip(city.seeds, clipped, strict=True):
        if not cell.contains(Point(seed.lon, seed.lat)):
            raise ValueError(f"{city.slug}: cell {seed.number} lost its seed")
    return clipped


def check(city: City, cells: list[Any], center: tuple[float, float]) -> None:
    """Fail loudly unless the cells tile the outline without overlap and cover the centre."""
    outline = shapely.set_precision(Polygon(city.outline), GRID)
    for i, a in enumerate(cells):
        if not a.is_valid or a.is_empty:
            raise ValueError(f"{city.slug}: district {i + 1} is not a valid polygon")
        for b in cells[i + 1 :]:
            if a.overlaps(b) or a.intersection(b).area > 0:
                raise ValueError(f"{city.slug}: districts overlap")
    # Snapping moves the points where cell edges cross the outline by up to half a grid
    # step, so the union may differ from the outline by a few square metres, never by a hole.
    union = shapely.union_all(cells)
    gaps = union.geom_type != "Polygon" or len(union.interiors) > 0
    if gaps or abs(union.area - outline.area) > outline.length * GRID:
        raise ValueError(f"{city.slug}: districts do not tile the outline")
    if not any(cell.covers(Point(*center)) for cell in cells):
        raise ValueError(f"{city.slug}: the municipality centre is outside every district")


def build(city: City, population: int, center: tuple[float, float]) -> dict[str, Any]:
    cells = district_cells(city)
    check(city, cells, center)
    populations = apportion(population, [s.weight for s in city.seeds])
    districts = []
    for seed, cell, people in zip(city.seeds, cells, populations, strict=True):
        districts.append(
            {
                "number": seed.number,
                "name_fa": f"منطقه {to_persian_digits(seed.number)}",
                "hint": seed.hint,
                "population": people,
                "seed": [seed.lon, seed.lat],
                "boundary": _as_lists(mapping(cell)),
            }
        )
    return {"note": NOTE, "municipality": city.slug, "districts": districts}


def dumps(data: dict[str, Any]) -> str:
    """JSON with one district per line: readable in a diff, small on disk."""
    head = {k: v for k, v in data.items() if k != "districts"}
    lines = [json.dumps(d, ensure_ascii=False) for d in data["districts"]]
    body = ",\n  ".join(lines)
    return json.dumps(head, ensure_ascii=False)[:-1] + f', "districts": [\n  {body}\n]}}\n'


def main() -> None:
    meta = json.loads((DATA_DIR / "municipalities.json").read_text(encoding="utf-8"))
    by_slug = {m["slug"]: m for m in meta["municipalities"]}
    for city in CITIES:
        m = by_slug[city.slug]
        data = build(city, int(m["population"]), (float(m["center_lon"]), float(m["center_lat"])))
        path = DATA_DIR / m["districts_file"]
        path.write_text(dumps(data), encoding="utf-8")
        print(f"{path.name}: {len(data['districts'])} districts")


if __name__ == "__main__":
    main()
