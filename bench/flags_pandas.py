"""The pandas peer of the product's repeat and cross-domain flag models (rules.md §5).

Reads the staged counted events and entity names that bench/models.ts exported once from a city build
(CSV: Debian's pandas 1.5 has no Parquet engine), computes both flags as plainly as an analyst would,
writes them next to the input and prints the timings as one JSON line.

    /usr/bin/python3 bench/flags_pandas.py DIR AS_OF REPEAT_MIN REPEAT_DAYS CROSS_MIN CROSS_DAYS
"""
import json
import sys
import time

import pandas as pd


def window(events, as_of, days):
    return events[(events.event_date > as_of - pd.Timedelta(days=days)) & (events.event_date <= as_of)]


def ordered_ids(group):
    return list(group.sort_values(["event_date", "event_id"]).event_id)


def repeat_violators(events, names, as_of, min_events, days):
    w = window(events, as_of, days)
    counts = w.groupby(["uscc", "domain"]).event_id.transform("size")
    w = w[counts >= min_events]
    g = w.groupby(["uscc", "domain"])
    out = g.agg(
        event_count=("event_id", "size"),
        first_event_date=("event_date", "min"),
        last_event_date=("event_date", "max"),
    )
    out["event_ids"] = g.apply(ordered_ids)
    return out.reset_index().merge(names, on="uscc", how="left")


def cross_domain_violators(events, names, as_of, min_domains, days):
    w = window(events, as_of, days)
    domains = w.groupby("uscc").domain.transform("nunique")
    w = w[domains >= min_domains]
    g = w.groupby("uscc")
    out = g.agg(
        domain_count=("domain", "nunique"),
        event_count=("event_id", "size"),
        first_event_date=("event_date", "min"),
        last_event_date=("event_date", "max"),
    )
    out["domains"] = g.domain.apply(lambda d: sorted(set(d)))
    out["event_ids"] = g.apply(ordered_ids)
    return out.reset_index().merge(names, on="uscc", how="left")


def main():
    folder, as_of = sys.argv[1], pd.Timestamp(sys.argv[2])
    repeat_min, repeat_days, cross_min, cross_days = (int(x) for x in sys.argv[3:7])
    started = time.perf_counter()
    events = pd.read_csv(f"{folder}/events.csv", dtype=str, keep_default_na=False, parse_dates=["event_date"])
    names = pd.read_csv(f"{folder}/entity_names.csv", dtype=str, keep_default_na=False)[["uscc", "name"]]
    read = time.perf_counter()
    repeat = repeat_violators(events, names, as_of, repeat_min, repeat_days)
    cross = cross_domain_violators(events, names, as_of, cross_min, cross_days)
    computed = time.perf_counter()
    summary = {
        "read_seconds": read - started,
        "compute_seconds": computed - read,
        "events": len(events),
        "repeat_rows": len(repeat),
        "repeat_events": int(repeat.event_count.sum()),
        "cross_rows": len(cross),
        "cross_events": int(cross.event_count.sum()),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
